// Shared by the program, session, room and agenda pages: texts in the reader's language (or another one,
// marked), and session times in the seminar's time zone.
import { getLocale, LOCALES, t } from './i18n.js';
import { el } from './dom.js';

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
  if (picked.fallback) {
    node.append(' ', el('span', { className: 'lang-fallback', textContent: t(`sessions.inLanguage.${picked.lang}`) }));
  }
  return node;
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

function safeFormat(date, options) {
  try { return new Intl.DateTimeFormat(getLocale(), options).format(date); } catch {
    const { timeZone, ...rest } = options;
    return new Intl.DateTimeFormat(getLocale(), rest).format(date);
  }
}

/** "Mon 15 Feb" for a "YYYY-MM-DD" day (a calendar date: formatted at noon UTC). */
export function formatDay(day, { long = false } = {}) {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return safeFormat(date, long ? { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }
    : { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "09:30–11:00" in `zone`. */
export function formatTimeRange(startIso, endIso, zone) {
  const start = new Date(startIso);
  const end = endIso ? new Date(endIso) : null;
  if (Number.isNaN(start.getTime())) return '';
  const options = { hour: '2-digit', minute: '2-digit', timeZone: zone || undefined };
  const from = safeFormat(start, options);
  return !end || Number.isNaN(end.getTime()) ? from : `${from}–${safeFormat(end, options)}`;
}

/** "Mon 15 Feb, 09:30–11:00 (Europe/Madrid)". */
export function formatSessionTime(session, zone) {
  const day = formatDay(dayKey(session.startsAt, zone));
  const range = formatTimeRange(session.startsAt, session.endsAt, zone);
  return zone ? t('sessions.timeInZone', { day, range, zone }) : `${day}, ${range}`;
}

/** A `<time>` element for a session's slot. */
export function sessionTimeNode(session, zone) {
  const node = el('time', { textContent: formatSessionTime(session, zone) });
  if (session.startsAt) node.dateTime = session.startsAt;
  return node;
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

/** Sets attributes (role, aria-*) that el()'s property assignment would not: `attrs(el('ol'), {'aria-label': 'x'})`. */
export function attrs(node, map) {
  for (const [name, value] of Object.entries(map)) if (value != null) node.setAttribute(name, String(value));
  return node;
}

/** Runs `redraw()` and puts the focus back on the element with the same id, if it was inside `container`. */
export function keepFocus(container, redraw) {
  const active = document.activeElement;
  const id = active && container.contains(active) ? active.id : '';
  redraw();
  if (id && document.activeElement !== active) document.getElementById(id)?.focus();
}
