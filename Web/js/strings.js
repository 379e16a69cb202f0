// Every UI string: key → [fr, en, es], one table per part in strings/. A tuple per key keeps the three
// languages side by side; Tests/Browser/check_i18n.mjs checks that none is missing, that no key is defined
// twice, and that each module finds its keys in a table loaded with it.
//
// The shell's tables (base: sign-in, header, home, notices; help: the "Need help?" panel on every page) come
// with the page. An area's table comes with the area (areas.js), so a first visit on a weak link does not
// download every area's texts.
import base from './strings/base.js';
import help from './strings/help.js';

export default { ...base, ...help };

/** The tables that load with an area, by file name in strings/. */
export const AREA_TABLES = ['sessions', 'lounge', 'desk', 'hub', 'admin', 'console'];

/** One area table's strings (the browser fetches it once). */
export async function loadTable(name) {
  if (!AREA_TABLES.includes(name)) throw new Error(`no string table "${name}"`);
  return (await import(`./strings/${name}.js`)).default;
}
