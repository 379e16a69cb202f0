// The public seminar information (/api/seminar): name, dates and tagline in both views, and the page title.
import { localized, t } from './i18n.js';
import { formatSeminarDates } from './time.js';

let seminar = null;

export function setSeminar(value) { seminar = value && typeof value === 'object' ? value : null; }
export function getSeminar() { return seminar; }

/** The name in the current language, another language when missing, or a generic word. */
export function seminarName() { return localized(seminar?.name) || t('app.title'); }

function fill(ids, text) {
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el) el.textContent = text;
  }
}

/** Writes name, dates and tagline into both views (again after a language switch). */
export function renderSeminar() {
  fill(['auth-seminar-name', 'seminar-name'], seminarName());
  fill(['auth-seminar-dates', 'seminar-dates'], seminar ? formatSeminarDates(seminar) : '');
  fill(['auth-tagline', 'seminar-tagline'], localized(seminar?.tagline));
}

/** "<page> — <seminar>" as the document title. */
export function setPageTitle(page) {
  document.title = page ? `${page} — ${seminarName()}` : seminarName();
}
