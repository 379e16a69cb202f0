// Dates and times in the viewer's locale and time zone, with the seminar's zone named beside.
import { getLocale, t } from './i18n.js';

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function parse(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function format(date, options) {
  try {
    return new Intl.DateTimeFormat(getLocale(), options).format(date);
  } catch {
    // An unknown time zone name from the server: fall back to the viewer's zone.
    const { timeZone, ...rest } = options;
    return new Intl.DateTimeFormat(getLocale(), rest).format(date);
  }
}

/** "15–22 February 2021" in the viewer's zone. */
export function formatDateRange(startIso, endIso) {
  const start = parse(startIso);
  const end = parse(endIso);
  if (!start || !end) return '';
  const formatter = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long' });
  return formatter.formatRange ? formatter.formatRange(start, end) : `${formatter.format(start)} – ${formatter.format(end)}`;
}

/** The seminar's dates and its time zone, for the header. */
export function formatSeminarDates(seminar) {
  const range = formatDateRange(seminar?.startsAt, seminar?.endsAt);
  if (!range) return '';
  return seminar.timeZone ? t('header.dates', { range, tz: seminar.timeZone }) : range;
}

/** "15 Feb, 10:02 CET", plus the seminar-zone time when the viewer is elsewhere. */
export function formatDateTime(iso, seminarZone) {
  const date = parse(iso);
  if (!date) return '';
  const options = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  const local = format(date, options);
  if (!seminarZone || seminarZone === viewerZone) return local;
  const there = format(date, { hour: '2-digit', minute: '2-digit', timeZone: seminarZone });
  return `${local} · ${t('time.seminar', { time: there, tz: seminarZone })}`;
}
