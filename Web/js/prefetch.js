// The two answers the first screen needs, asked for as soon as index.html is read: this module imports nothing and
// index.html loads it `async`, so it runs while the rest of the client is still arriving (on a slow link that is
// seconds). app.js reads the answers from here instead of asking again.
const get = (path) => fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });

export const early = { seminar: get('/api/seminar'), me: get('/api/me') };

// A failure is read (and shown) by app.js later; it is not an unhandled rejection meanwhile.
early.seminar.catch(() => {});
early.me.catch(() => {});
