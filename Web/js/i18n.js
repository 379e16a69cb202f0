// UI strings in fr/en/es, the current locale, and filling the DOM from data-i18n* attributes.
import SHELL_STRINGS, { loadTable } from './strings.js';

export const LOCALES = ['fr', 'en', 'es']; // the order of each tuple in strings.js
const STORAGE_KEY = 'seminar.locale';
const listeners = new Set();
const STRINGS = { ...SHELL_STRINGS }; // the shell's strings, then each area's as it loads
const tables = new Map(); // area table name → promise of its registration
let current = detectLocale();

/** Loads an area's string table once and adds it to the known strings (areas.js calls this before mounting). */
export function loadStrings(name) {
  if (!tables.has(name)) {
    tables.set(name, loadTable(name).then((table) => { Object.assign(STRINGS, table); }, (error) => {
      tables.delete(name); // a lost connection: the next visit tries again
      throw error;
    }));
  }
  return tables.get(name);
}

/** localStorage choice, else the first of navigator.languages that we speak, else English. */
export function detectLocale() {
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage blocked */ }
  const wanted = [stored, ...(navigator.languages || [navigator.language])];
  return wanted.map((tag) => String(tag).toLowerCase().split('-')[0]).find((l) => LOCALES.includes(l)) || 'en';
}

export function getLocale() { return current; }

/** Switches the locale, updates <html lang>, optionally remembers it, and tells every listener. */
export function setLocale(locale, { store = true } = {}) {
  if (!LOCALES.includes(locale)) return false;
  current = locale;
  document.documentElement.lang = locale;
  if (store) {
    try { localStorage.setItem(STORAGE_KEY, locale); } catch { /* private mode: keep it for this page only */ }
  }
  for (const fn of listeners) fn(locale);
  return true;
}

/** Registers a callback run after every locale change; returns a function that removes it. */
export function onLocaleChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The string for `key` in the current locale (English, then the key itself, as fallbacks). */
export function t(key, params) {
  const entry = STRINGS[key];
  const text = entry?.[LOCALES.indexOf(current)] || entry?.[1] || key;
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
