// Checks the client's string tables (Web/js/strings/*.js, key → [fr, en, es], merged by Web/js/strings.js):
// every key has three non-empty strings with the same {params}, no key is defined in two tables, and every
// data-i18n* key / t('…') literal used in Web/ exists. Run: node Tests/Browser/check_i18n.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
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
const merged = (await import(pathToFileURL(join(web, 'js', 'strings.js')).href)).default;
if (Object.keys(merged).length !== Object.keys(strings).length) problems.push('Web/js/strings.js does not merge every table of strings/');
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

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n ok: ${Object.keys(strings).length} keys in ${locales.join(', ')}`);
