// The areas beyond the home overview. Each is an ES module loaded on its first visit (the client stays
// small for people who only use one part), with this contract:
//
//   export function mount({ section, socket, user, go }) → { show(path), hide(), unmount(), setUser?(user) }
//
// `section` is the area's <section> (the module replaces its children; its first <h1 tabindex=-1> gets the focus on
// navigation); `path` is the rest of the route as segments (`#/room/12` → ['12']); `go(hash)` navigates.
// `show` runs on every visit (also after a language switch, with the same path), `hide` when the person
// goes elsewhere, `unmount` on sign-out. A route with no module yet shows "This area opens soon".
// Links in index.html's navigation may carry data-roles="organiser …": only those roles see them.

/** Every route and the module that serves it. */
export const AREA_LOADERS = {
  desk: () => import('./desk.js'),
  lounge: () => import('./lounge.js'),
  sessions: () => import('./sessions.js'),
  room: () => import('./room.js'),
  hub: () => import('./hub.js'),
  agenda: () => import('./agenda.js'),
  table: () => import('./table.js'),
  admin: () => import('./admin.js'),
};
