// Checks the client as the server serves it (downloaded into SERVED by test_served_client.py) against its source
// (Web/): each language's string table holds exactly its column of the source table (an empty text: the English
// one), and, where acorn is installed (Debian's node-acorn), every minified script has the same syntax tree as its
// source, positions aside, so minifying changed no token and no automatic semicolon.
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
if (acorn) {
  const tree = (text) => JSON.stringify(acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'module' }),
    (key, value) => (key === 'start' || key === 'end' ? undefined : value));
  for (const path of scripts) {
    const name = relative(web, path);
    try {
      const [before, after] = [tree(readFileSync(path, 'utf8')), tree(readFileSync(join(served, name), 'utf8'))];
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
  ? `${scripts.length} scripts with the same syntax tree as their source` : 'acorn not installed: syntax trees not compared'}`);
