// Checks the client as the server serves it (downloaded into SERVED by test_served_client.py) against its source
// (Web/): each language's string table holds exactly its column of the source table (an empty text: the English
// one), and, where acorn is installed (Debian's node-acorn), every minified script has the same syntax tree as its
// source, positions aside, so minifying changed no token and no automatic semicolon, and the first page's bundle holds
// its modules' statements (below).
// Run: node Tests/Browser/check_served.mjs SERVED
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'Web');
const served = process.argv[2];
const { LOCALES } = await import(pathToFileURL(join(web, 'js', 'locale.js')).href);
const problems = [];

const tablesDir = join(web, 'js', 'strings');
let texts = 0;
for (const name of readdirSync(tablesDir).filter((n) => n.endsWith('.js'))) {
  const source = (await import(pathToFileURL(join(tablesDir, name)).href)).default;
  for (const [column, locale] of LOCALES.entries()) {
    const table = (await import(pathToFileURL(join(served, 'js', 'strings', locale, name)).href)).default;
    if (Object.keys(table).join() !== Object.keys(source).join()) problems.push(`strings/${locale}/${name}: not the same keys`);
    for (const [key, entry] of Object.entries(source)) {
      texts += 1;
      if (table[key] !== (entry[column] || entry[1])) problems.push(`strings/${locale}/${name}: "${key}" is ${JSON.stringify(table[key])}`);
    }
  }
}

let acorn = null;
for (const where of ['acorn', '/usr/share/nodejs/acorn/dist/acorn.mjs']) {
  try { acorn = await import(where); break; } catch { /* not there */ }
}
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const scripts = files(join(web, 'js')).filter((p) => p.endsWith('.js') && dirname(p) !== tablesDir);
// The first page's modules are served as one bundle (ModuleBundler): app.js and its static imports, except
// prefetch.js and what it imports. Each bundled module's path serves a facade re-exporting its names from the bundle;
// the bundle's statements are the bundled sources' statements in the order ES modules run them, with their import
// and export statements gone and the declarations they exported kept; other modules import the bundle instead.
const BUNDLE = 'js/shell.js';
const bundled = [];
if (acorn) {
  const strip = (key, value) => (key === 'start' || key === 'end' ? undefined : value);
  const parse = (text) => acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'module' });
  const tree = (text) => JSON.stringify(parse(text), strip);
  const jsPath = (from, specifier) => relative(web, join(dirname(join(web, from)), specifier));
  const staticImports = (name) => parse(readFileSync(join(web, name), 'utf8')).body
    .filter((n) => n.source && (n.type === 'ImportDeclaration' || n.type.startsWith('Export')))
    .map((n) => jsPath(name, n.source.value));
  const exportsOf = (body) => body.flatMap((n) => n.type !== 'ExportNamedDeclaration' ? []
    : n.declaration ? (n.declaration.declarations ?? [n.declaration]).map((d) => d.id.name) : n.specifiers.map((s) => s.exported.name));
  let hasBundle = true;
  try { statSync(join(served, BUNDLE)); } catch { hasBundle = false; }
  if (hasBundle) {
    const apart = new Set();
    const todo = ['js/prefetch.js'];
    while (todo.length) { const n = todo.pop(); if (!apart.has(n)) { apart.add(n); todo.push(...staticImports(n)); } }
    const seen = new Set();
    const visit = (name) => {
      if (apart.has(name) || seen.has(name)) return;
      seen.add(name);
      staticImports(name).forEach(visit);
      bundled.push(name);
    };
    visit('js/app.js');
    const expected = [];
    const allExports = new Set();
    for (const name of bundled) {
      const body = parse(readFileSync(join(web, name), 'utf8')).body;
      const names = exportsOf(body);
      names.forEach((n) => allExports.add(n));
      for (const node of body) {
        if (node.type === 'ImportDeclaration' || node.type === 'EmptyStatement') continue;
        if (node.type === 'ExportNamedDeclaration') { if (node.declaration) expected.push(node.declaration); continue; }
        expected.push(node);
      }
      const facade = parse(readFileSync(join(served, name), 'utf8')).body;
      const ok = names.length === 0
        ? facade.length === 1 && facade[0].type === 'ImportDeclaration' && jsPath(name, facade[0].source.value) === BUNDLE
        : facade.length === 1 && facade[0].source && jsPath(name, facade[0].source.value) === BUNDLE
          && exportsOf(facade).sort().join() === [...names].sort().join();
      if (!ok) problems.push(`${name}: not a facade of the bundle with the same exports`);
    }
    const body = parse(readFileSync(join(served, BUNDLE), 'utf8')).body.filter((n) => n.type !== 'EmptyStatement');
    const outside = body.filter((n) => n.type === 'ImportDeclaration');
    if (outside.some((n) => !apart.has(jsPath(BUNDLE, n.source.value)))) problems.push(`${BUNDLE}: imports a module not kept apart`);
    const last = body.at(-1);
    if (last?.type !== 'ExportNamedDeclaration' || last.source || exportsOf([last]).sort().join() !== [...allExports].sort().join()) {
      problems.push(`${BUNDLE}: does not end by exporting every bundled module's names`);
    }
    const middle = body.slice(outside.length, -1);
    if (JSON.stringify(middle, strip) !== JSON.stringify(expected, strip)) problems.push(`${BUNDLE}: its statements are not the bundled sources'`);
  }
  // Another module's import of a bundled module names the bundle instead (the same relative form).
  const retarget = (name, node) => {
    const walk = (n) => {
      if (!n || typeof n !== 'object') return;
      if ((n.type === 'ImportDeclaration' || n.type === 'ImportExpression' || n.type?.startsWith('Export')) && n.source?.type === 'Literal'
          && bundled.includes(jsPath(name, n.source.value))) {
        const target = relative(dirname(join(web, name)), join(web, BUNDLE));
        const value = target.startsWith('.') ? target : `./${target}`;
        n.source = { ...n.source, value, raw: `${n.source.raw[0]}${value}${n.source.raw[0]}` };
      }
      for (const child of Object.values(n)) walk(child);
    };
    walk(node);
    return node;
  };
  for (const path of scripts) {
    const name = relative(web, path);
    if (bundled.includes(name)) continue;
    try {
      const before = JSON.stringify(retarget(name, parse(readFileSync(path, 'utf8'))), strip);
      const after = tree(readFileSync(join(served, name), 'utf8'));
      if (before !== after) {
        let at = 0;
        while (before[at] === after[at]) at += 1;
        problems.push(`${name}: the minified syntax tree differs near …${after.slice(Math.max(0, at - 120), at + 60)}…`);
      }
    } catch (error) {
      problems.push(`${name}: ${error.message}`);
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`served client ok: ${texts} texts in ${LOCALES.length} languages; ${acorn
  ? `${scripts.length - bundled.length} scripts with the same syntax tree as their source, ${bundled.length} in the bundle with theirs`
  : 'acorn not installed: syntax trees not compared'}`);
