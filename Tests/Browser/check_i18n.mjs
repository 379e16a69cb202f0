// Checks the client's string table (Web/js/strings.js, key → [fr, en, es]): every key has three
// non-empty strings with the same {params}, and every data-i18n* key / t('…') literal used in Web/
// exists. Run: node Tests/Browser/check_i18n.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'Web');
const source = readFileSync(join(web, 'js', 'strings.js'), 'utf8');
const strings = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)).default;
const locales = ['fr', 'en', 'es'];
const problems = [];
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
for (const path of files(web).filter((p) => /\.(html|js)$/.test(p) && !p.endsWith('strings.js'))) {
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
