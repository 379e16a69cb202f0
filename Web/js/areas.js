// The areas beyond the home overview. Each is an ES module loaded on its first visit (the client stays
// small for people who only use one part), with this contract:
//
//   export function mount({ section, socket, user, go }) → { show(path), hide(), unmount(), setUser?(user) }
//
// `section` is the area's <section> (the module replaces its children; its first <h1 tabindex=-1> gets the focus on
// navigation); `path` is the rest of the route as segments (`#/room/12` → ['12']); `go(hash)` navigates.
// `show` runs on every visit (also after a language switch, with the same path), `hide` when the person
// goes elsewhere, `unmount` on sign-out. While an area loads (its module, strings and stylesheets: AREAS below),
// its section says "Loading…"; if loading fails, "This area opens soon", and the next visit tries again.
// Links in index.html's navigation may carry data-roles="organiser …": only those roles see them.

import { loadStrings } from './i18n.js';

// Each route: its module, the string tables (strings/) and stylesheets (css/) its pages use. The shell has base
// and help strings and app.css (help.css comes with the help panel: help-button.js); the rest arrives with the first area that needs it.
const AREAS = {
  desk: { module: () => import('./desk/desk.js'), strings: ['desk'], styles: ['help', 'desk'] }, // help: the desk conversation
  lounge: { module: () => import('./lounge/lounge.js'), strings: ['lounge'], styles: ['lounge'] },
  sessions: { module: () => import('./sessions/sessions.js'), strings: ['sessions'], styles: ['sessions'] },
  room: { module: () => import('./room/room.js'), strings: ['sessions'], styles: ['sessions'] },
  hub: { module: () => import('./hub/hub.js'), strings: ['hub'], styles: ['hub'] },
  agenda: { module: () => import('./sessions/agenda.js'), strings: ['sessions'], styles: ['sessions'] },
  table: { module: () => import('./table/table.js'), strings: ['lounge'], styles: ['lounge'] },
  // the console's tabs load their own modules (admin.js); the meetings plan's tab brings the lounge's form parts
  admin: { module: () => import('./admin/admin.js'), strings: ['admin', 'console'], styles: ['admin', 'console'] },
};

// The order the sheets were written for: a later one may refine an earlier one's rule, so a sheet loaded
// late still goes in its place, whatever order the areas are visited in.
const SHEET_ORDER = ['app', 'help', 'sessions', 'lounge', 'desk', 'hub', 'admin', 'console'];
const sheets = new Map(); // name → promise, settled once the sheet applies

/** Adds css/<name>.css once, in SHEET_ORDER; resolves when it applies (so nothing shows unstyled). */
function loadStyle(name) {
  if (!sheets.has(name)) {
    sheets.set(name, new Promise((resolve, reject) => {
      // relative to this module, so a versioned page (/v/<version>/js/…) gets the sheet of the same version
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL(`../css/${name}.css`, import.meta.url).href });
      link.dataset.sheet = name;
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => {
        sheets.delete(name); // a lost connection: the next visit tries again
        link.remove();
        reject(new Error(`stylesheet ${name} did not load`));
      }, { once: true });
      const rank = SHEET_ORDER.indexOf(name);
      const after = [...document.querySelectorAll('link[data-sheet]')].find((l) => SHEET_ORDER.indexOf(l.dataset.sheet) > rank);
      if (after) after.before(link);
      else document.head.append(link);
    }));
  }
  return sheets.get(name);
}

/** A module, once its string tables are registered and its stylesheets apply (an area's, or a lazy part's). */
export async function loadWith({ module, strings = [], styles = [] }) {
  const [loaded] = await Promise.all([module(), ...strings.map(loadStrings), ...styles.map(loadStyle)]);
  return loaded;
}

/** Every route and a loader of the module that serves it (with its strings and styles). */
export const AREA_LOADERS = Object.fromEntries(Object.entries(AREAS).map(([name, area]) => [name, () => loadWith(area)]));

