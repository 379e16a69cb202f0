// Shared by the program, session, room and agenda pages: texts in the reader's language (or another one,
// marked), and session times (time.js: the viewer's zone, the seminar's beside).
import { getLocale, LOCALES, t } from './i18n.js';
import { el } from './dom.js';
import { formatSlot, timeElement } from './time.js';

export { formatDay, formatTimeRange } from './time.js';

/** `{text, lang, fallback}` from a LocalizedText: the reader's language first, then en, fr, es. */
export function pickLanguage(text) {
  if (typeof text === 'string') return { text, lang: null, fallback: false };
  const current = getLocale();
  for (const lang of [current, 'en', 'fr', 'es']) {
    const value = text?.[lang];
    if (typeof value === 'string' && value.trim()) return { text: value, lang, fallback: lang !== current };
  }
  return { text: '', lang: null, fallback: false };
}

/** "French and Spanish" in the reader's language for a session's language codes, or '' when there are none. */
export function languageList(languages) {
  const names = (languages ?? []).filter((l) => LOCALES.includes(l)).map((l) => t(`sessions.languageName.${l}`));
  if (!names.length) return '';
  try { return new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(names); } catch { return names.join(', '); }
}

/** The languages a LocalizedText has. */
export function languagesOf(text) {
  return LOCALES.filter((lang) => typeof text?.[lang] === 'string' && text[lang].trim());
}

/**
 * A node holding the text in the reader's language, or another language with a visible marker
 * "(en français)" and the right `lang` attribute.
 */
export function localizedNode(tag, text, props = {}) {
  const picked = pickLanguage(text);
  const node = el(tag, props, picked.text);
  if (picked.lang) node.lang = picked.lang;
  if (picked.fallback) node.append(' ', languageMarker(picked.lang));
  return node;
}

/** Each language by its own name, as the language selector shows it. */
export const LANGUAGE_NAMES = { fr: 'Français', en: 'English', es: 'Español' };

/**
 * "(in French)" for content in `lang` when the reader chose another language (in the reader's language, so
 * with its own `lang`), or '' (nothing to append) when `lang` is the reader's or unknown.
 */
export function languageMarker(lang) {
  if (!LOCALES.includes(lang) || lang === getLocale()) return '';
  const marker = el('span', { className: 'lang-fallback', textContent: t(`sessions.inLanguage.${lang}`) });
  marker.lang = getLocale();
  return marker;
}

const dayFormatters = new Map();
/** "YYYY-MM-DD" of an instant in `zone`. */
export function dayKey(iso, zone) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const key = zone || 'local';
  if (!dayFormatters.has(key)) {
    let formatter;
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      formatter = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    dayFormatters.set(key, formatter);
  }
  return dayFormatters.get(key).format(date);
}

/** "Tue 24 Nov, 09:30–11:00 (Madrid 15:30–17:00)": in the viewer's zone, the seminar's (`zone`) beside. */
export function formatSessionTime(session, zone) {
  return formatSlot(session.startsAt, session.endsAt, zone || undefined);
}

/** A `<time>` element for a session's slot. */
export function sessionTimeNode(session, zone) {
  return timeElement(session.startsAt, formatSessionTime(session, zone));
}

/** Only links a person can follow safely: http(s) addresses and the server's own /files/. */
export function safeHref(url) {
  if (typeof url !== 'string') return null;
  if (/^\/files\/[\w.-]+$/.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The session's live badge text key, or null. */
export function stateKey(state) {
  return ['open', 'live', 'ended'].includes(state) ? `sessions.state.${state}` : null;
}

/** Runs `redraw()` and puts the focus back on the element with the same id, if it was inside `container`. */
export function keepFocus(container, redraw) {
  const active = document.activeElement;
  const id = active && container.contains(active) ? active.id : '';
  redraw();
  if (id && document.activeElement !== active) document.getElementById(id)?.focus();
}
