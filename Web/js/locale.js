// The reader's language: the one they chose on this device, else the first of the browser's we speak, else English.
// Kept apart from i18n.js so that prefetch.js can ask for the strings in that language as soon as the page starts.

export const LOCALES = ['fr', 'en', 'es']; // the order of each [fr, en, es] in strings/
const STORAGE_KEY = 'seminar.locale';

/** localStorage choice, else the first of navigator.languages that we speak, else English. */
export function detectLocale() {
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage blocked */ }
  const wanted = [stored, ...(navigator.languages || [navigator.language])];
  return wanted.map((tag) => String(tag).toLowerCase().split('-')[0]).find((l) => LOCALES.includes(l)) || 'en';
}

/** Remembers the choice on this device (private mode: kept for this page only). */
export function rememberLocale(locale) {
  try { localStorage.setItem(STORAGE_KEY, locale); } catch { /* private mode */ }
}
