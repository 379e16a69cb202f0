// UI strings in the reader's language, the current locale, and filling the DOM from data-i18n* attributes.
// Strings come one table and one language at a time (strings.js): the shell's before anything else runs, an area's
// with the area; a language switch fetches every table in use in the new language, then redraws.
import { LOCALES, detectLocale, rememberLocale } from './locale.js';
import { SHELL_TABLES, loadTable } from './strings.js';

export { LOCALES };
const listeners = new Set();
const STRINGS = new Map(); // locale → { key: text }: the tables loaded in that language
const loaded = new Map(); // 'locale/table' → promise, settled once its strings are in STRINGS
const inUse = new Set(SHELL_TABLES); // the tables the page uses: a language switch loads them first
let current = detectLocale();
let switches = 0; // the latest language switch wins

/** Loads one table in one language once (again after a failure: a lost connection may come back). */
function load(locale, name) {
  const id = `${locale}/${name}`;
  if (!loaded.has(id)) {
    loaded.set(id, loadTable(locale, name).then((table) => {
      if (!STRINGS.has(locale)) STRINGS.set(locale, {});
      Object.assign(STRINGS.get(locale), table);
    }, (error) => {
      loaded.delete(id);
      throw error;
    }));
  }
  return loaded.get(id);
}

/** Every table in use, in `locale` (also those that come into use meanwhile). */
async function loadInUse(locale) {
  let count;
  do {
    count = inUse.size;
    await Promise.all([...inUse].map((name) => load(locale, name)));
  } while (inUse.size !== count);
}

// The shell's strings before any module that uses them runs (prefetch.js asked for them early).
await loadInUse(current);

/** Loads an area's string table once and adds it to the known strings (areas.js calls this before mounting). */
export async function loadStrings(name) {
  let locale;
  do { // a language switch while it loaded: the table in the new language too
    locale = current;
    await load(locale, name);
  } while (locale !== current);
  inUse.add(name);
}

export function getLocale() { return current; }

/**
 * Switches the locale once its strings have arrived, updates <html lang>, optionally remembers it, and tells every
 * listener. Resolves to false for an unknown locale, when the strings could not be fetched (the page stays in its
 * language) or when a later switch overtook this one.
 */
export async function setLocale(locale, { store = true } = {}) {
  if (!LOCALES.includes(locale)) return false;
  const turn = ++switches;
  try {
    await loadInUse(locale);
  } catch {
    return false;
  }
  if (turn !== switches) return false;
  current = locale;
  document.documentElement.lang = locale;
  if (store) rememberLocale(locale);
  for (const fn of listeners) fn(locale);
  return true;
}

/** Registers a callback run after every locale change; returns a function that removes it. */
export function onLocaleChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The string for `key` in the current locale (the key itself if there is none: check_i18n.mjs prevents that). */
export function t(key, params) {
  const text = STRINGS.get(current)?.[key] || key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Picks the current language from a server `{fr, en, es}` object, falling back to any other one. */
export function localized(text) {
  if (!text || typeof text !== 'object') return typeof text === 'string' ? text : '';
  for (const lang of [current, 'en', 'fr', 'es']) {
    if (typeof text[lang] === 'string' && text[lang].trim()) return text[lang];
  }
  return '';
}

/** Fills every element in `root` (itself included) with data-i18n (text), -placeholder or -aria-label. */
export function applyTranslations(root = document) {
  for (const [data, attribute] of [['i18n'], ['i18n-placeholder', 'placeholder'], ['i18n-aria-label', 'aria-label']]) {
    const selector = `[data-${data}]`;
    const found = [...root.querySelectorAll(selector)];
    if (root.matches?.(selector)) found.push(root);
    for (const el of found) {
      const text = t(el.getAttribute(`data-${data}`));
      if (attribute) el.setAttribute(attribute, text);
      else el.textContent = text;
    }
  }
}
