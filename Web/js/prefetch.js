// What the first screen needs, asked for as soon as index.html is read: this module imports only two small ones
// that index.html preloads beside it, and index.html loads it `async`, so it runs while the rest of the client is
// still arriving (on a slow link that is seconds). app.js reads the answers from here instead of asking again; the
// shell's strings, in the reader's language, are on their way when i18n.js asks for them (the same modules).
import { detectLocale } from './locale.js';
import { SHELL_TABLES, loadTable } from './strings.js';

const get = (path) => fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });

export const early = { seminar: get('/api/seminar'), me: get('/api/me') };

// A failure is read (and shown) by app.js or i18n.js later; it is not an unhandled rejection meanwhile.
early.seminar.catch(() => {});
early.me.catch(() => {});
const locale = detectLocale();
for (const name of SHELL_TABLES) loadTable(locale, name).catch(() => {});
