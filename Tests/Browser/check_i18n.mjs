// Checks the client's string tables (Web/js/strings/*.js, key → [fr, en, es]): every key has three non-empty
// strings with the same {params}, no key is defined in two tables, every data-i18n* key / t('…') literal used in
// Web/ exists, and exists in a table loaded with the module that uses it: the shell's tables (SHELL_TABLES in
// Web/js/strings.js) for index.html and the modules app.js imports, or one of the area's tables (Web/js/areas.js) for
// the modules an area imports. (The server serves each table split by language; SeminarClientBuilder's StringTableSplitter
// refuses a table not in this shape.) Run: node Tests/Browser/check_i18n.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'Web');
const tablesDir = join(web, 'js', 'strings');
const locales = ['fr', 'en', 'es'];
const problems = [];
const strings = {};
for (const name of readdirSync(tablesDir).filter((n) => n.endsWith('.js')).sort()) {
  const table = (await import(pathToFileURL(join(tablesDir, name)).href)).default;
  for (const key of Object.keys(table)) {
    if (key in strings) problems.push(`"${key}" is defined twice (again in strings/${name})`);
  }
  Object.assign(strings, table);
}
const { SHELL_TABLES, AREA_TABLES } = await import(pathToFileURL(join(web, 'js', 'strings.js')).href);
const { LOCALES } = await import(pathToFileURL(join(web, 'js', 'locale.js')).href);
if (LOCALES.join() !== locales.join()) problems.push(`locale.js: LOCALES is ${LOCALES}, the tables are ${locales}`);
const tableOf = {}; // key → table name
const tableNames = readdirSync(tablesDir).filter((n) => n.endsWith('.js')).map((n) => n.slice(0, -3));
for (const table of tableNames) {
  for (const key of Object.keys((await import(pathToFileURL(join(tablesDir, `${table}.js`)).href)).default)) tableOf[key] = table;
}
const shellTables = new Set(SHELL_TABLES);
for (const table of tableNames) {
  if (!shellTables.has(table) && !AREA_TABLES.includes(table)) problems.push(`strings/${table}.js is in neither SHELL_TABLES nor AREA_TABLES (strings.js)`);
}
for (const table of [...SHELL_TABLES, ...AREA_TABLES]) {
  if (!tableNames.includes(table)) problems.push(`strings.js lists "${table}", but there is no strings/${table}.js`);
}
const params = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

for (const [key, entry] of Object.entries(strings)) {
  if (!Array.isArray(entry) || entry.length !== locales.length) {
    problems.push(`"${key}": expected [fr, en, es]`);
    continue;
  }
  entry.forEach((text, i) => {
    if (typeof text !== 'string' || !text.trim()) problems.push(`${locales[i]}: missing or empty "${key}"`);
    else if (params(text) !== params(entry[1])) problems.push(`${locales[i]}: parameters differ for "${key}"`);
  });
}

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
for (const path of files(web).filter((p) => /\.(html|js)$/.test(p) && !p.endsWith('strings.js') && !p.includes(`${join('js', 'strings')}/`))) {
  const text = readFileSync(path, 'utf8');
  const used = [
    ...[...text.matchAll(/data-i18n(?:-placeholder|-aria-label)?="([^"]+)"/g)].map((m) => m[1]),
    ...[...text.matchAll(/\bt\('([^'`$]+)'/g)].map((m) => m[1]),
  ];
  for (const key of used) if (!(key in strings)) problems.push(`${path}: unknown key "${key}"`);
}

// Which tables each module can count on: the shell's for what app.js imports (and index.html), the area's own too
// for what an area's module imports, statically or on demand. A module is named by its path below Web/js
// (`room/room.js`); `at(name, specifier)` is what a relative import in it names.
const js = (name) => readFileSync(join(web, 'js', name), 'utf8');
const at = (name, specifier) => relative(join(web, 'js'), join(web, 'js', dirname(name), specifier));
const imports = (name, dynamic) => [...js(name).matchAll(dynamic ? /\bimport\(\s*'(\.\.?\/[\w/.-]+\.js)'\s*\)/g : /^import\b[^;]*?from '(\.\.?\/[\w/.-]+\.js)'/gms)]
  .map((m) => at(name, m[1]));
const closure = (roots, dynamic, skip = new Set()) => {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || skip.has(name)) return;
    seen.add(name);
    for (const next of [...imports(name, false), ...(dynamic ? imports(name, true) : [])]) visit(next);
  };
  roots.forEach(visit);
  return seen;
};
const usedKeys = (text) => [
  ...[...text.matchAll(/data-i18n(?:-placeholder|-aria-label)?="([^"]+)"/g)].map((m) => m[1]),
  ...[...text.matchAll(/\bt\('([^'`$]+)'/g)].map((m) => m[1]),
];
const checkLayer = (where, text, tables) => {
  for (const key of usedKeys(text)) {
    if (key in strings && !tables.has(tableOf[key])) {
      problems.push(`${where}: "${key}" is in strings/${tableOf[key]}.js, which is not loaded with it (${[...tables].join(', ')} are)`);
    }
  }
};
const shellModules = closure(['app.js'], false);
checkLayer('Web/index.html', readFileSync(join(web, 'index.html'), 'utf8'), shellTables);
for (const name of shellModules) checkLayer(`Web/js/${name}`, js(name), shellTables);
const areas = [...js('areas.js').matchAll(/^\s+(\w+): \{ module: \(\) => import\('\.\/([\w/-]+\.js)'\), strings: \[([^\]]*)\]/gm)];
if (!areas.length) problems.push('Web/js/areas.js: no area found (has the AREAS table changed shape?)');
// An area's lazy part that brings tables of its own (admin.js's PARTS: `{ id, module: () => import(…), strings: […] }`,
// loaded by areas.js's loadWith): its modules may use those too.
const partTables = new Map();
for (const name of files(join(web, 'js')).map((p) => relative(join(web, 'js'), p)).filter((n) => n.endsWith('.js') && n !== 'areas.js' && !n.startsWith('strings'))) {
  for (const [, module, list] of js(name).matchAll(/\{ id: '\w+', module: \(\) => import\('(\.\.?\/[\w/.-]+\.js)'\), strings: \[([^\]]*)\]/g)) {
    partTables.set(at(name, module), [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]));
  }
}
for (const [, area, module, list] of areas) {
  const tables = new Set([...shellTables, ...[...list.matchAll(/'(\w+)'/g)].map((m) => m[1])]);
  for (const table of tables) if (!shellTables.has(table) && !AREA_TABLES.includes(table)) problems.push(`areas.js: ${area} loads unknown table "${table}"`);
  const parts = new Set(partTables.keys());
  for (const name of closure([module], true, new Set([...shellModules, ...parts]))) checkLayer(`Web/js/${name} (area ${area})`, js(name), tables);
  for (const part of [...parts].filter((p) => closure([module], true, shellModules).has(p))) {
    const own = new Set([...tables, ...partTables.get(part)]);
    for (const table of partTables.get(part)) if (!AREA_TABLES.includes(table)) problems.push(`${part} loads unknown table "${table}"`);
    for (const name of closure([part], true, shellModules)) checkLayer(`Web/js/${name} (area ${area}, part ${part})`, js(name), own);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n ok: ${Object.keys(strings).length} keys in ${locales.join(', ')}; ${areas.length} areas load their tables`);
