// Every UI string: key → [fr, en, es], one table per part in strings/. A tuple per key keeps the three
// languages side by side; Tests/Browser/check_i18n.mjs checks that none is missing, that no key is defined
// twice, and that each module finds its keys in a table loaded with it.
//
// The browser never downloads those tuples: the server splits each table by language at start-up
// (SeminarCore's ServedClient), so strings/<table>.js is served as strings/fr/<table>.js, strings/en/… and
// strings/es/…, each key → text, and a participant reading French downloads no English or Spanish.
//
// The shell's tables (base: sign-in, header, home, notices; help: the "Need help?" panel on every page) come
// with the page (prefetch.js asks for them first). An area's table comes with the area (areas.js), so a first
// visit on a weak link does not download every area's texts. A language switch loads the tables in use again,
// in the new language (i18n.js).

/** The tables the shell uses, by file name in strings/. */
export const SHELL_TABLES = ['base', 'help'];

/** The tables that load with an area, by file name in strings/. */
export const AREA_TABLES = ['sessions', 'lounge', 'desk', 'hub', 'admin', 'console'];

/** One table's strings in one language, key → text (the browser fetches it once). */
export async function loadTable(locale, name) {
  if (!SHELL_TABLES.includes(name) && !AREA_TABLES.includes(name)) throw new Error(`no string table "${name}"`);
  return (await import(`./strings/${locale}/${name}.js`)).default;
}
