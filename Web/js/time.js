// Every date and time the client shows: Intl.DateTimeFormat in the UI language and the viewer's time zone, with
// the event's time (the seminar's zone, a city name) beside it when the viewer is elsewhere:
// "Tue 24 Nov, 09:30–11:00 (Madrid 15:30–17:00)". One pattern everywhere, so a reader learns it once.
import { getLocale, t } from './i18n.js';
import { getSeminar } from './seminar.js';

/** The viewer's IANA time zone. */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The seminar's IANA time zone (from /api/seminar), or '' when unknown. */
export const eventZone = () => getSeminar()?.timeZone || '';

function parse(iso) {
  if (iso instanceof Date) return Number.isNaN(iso.getTime()) ? null : iso;
  if (iso == null || iso === '') return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const formatters = new Map();
function formatter(options) {
  const key = `${getLocale()}|${JSON.stringify(options)}`;
  if (!formatters.has(key)) {
    try {
      formatters.set(key, new Intl.DateTimeFormat(getLocale(), options));
    } catch {
      // An unknown time zone name from the server: the viewer's zone.
      const { timeZone, ...rest } = options;
      formatters.set(key, new Intl.DateTimeFormat(getLocale(), rest));
    }
  }
  return formatters.get(key);
}
const format = (date, options) => formatter(options).format(date);

/** True when `zone` is another zone than the viewer's (by offset at `date`, so two names of one zone count as one). */
function elsewhere(zone, date) {
  if (!zone || zone === viewerZone()) return false;
  try {
    const at = (timeZone) => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', day: 'numeric', hour: 'numeric', minute: 'numeric' }).format(date);
    return at(zone) !== at(undefined);
  } catch {
    return false; // an unknown zone: show the viewer's time only
  }
}

/** "Madrid" for Europe/Madrid, "Buenos Aires" for America/Argentina/Buenos_Aires, "UTC" for UTC. */
export function placeOf(zone) {
  const city = String(zone || '').split('/').pop().replace(/_/g, ' ');
  if (zone && zone.includes('/') && !/^(Etc|GMT|UTC)/i.test(city)) return city;
  try {
    const part = new Intl.DateTimeFormat(getLocale(), { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value || city;
  } catch {
    return city;
  }
}

const DAY = { weekday: 'short', day: 'numeric', month: 'short' };
const CLOCK = { hour: '2-digit', minute: '2-digit' };
const dayIn = (date, zone) => format(date, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: zone || undefined });

/** `here`, with the event zone's `there` beside when the viewer is elsewhere: "14:00 (Madrid 15:00)". */
function withEventTime(here, date, zone, there) {
  return elsewhere(zone, date) ? t('time.there', { here, place: placeOf(zone), there: there() }) : here;
}

/** "14:00" in the viewer's zone (`seconds` adds them), no zone beside: for "updated at" clocks of now. */
export function formatClock(iso, { seconds = false } = {}) {
  const date = parse(iso);
  return date ? format(date, { ...CLOCK, ...(seconds ? { second: '2-digit' } : {}) }) : '';
}

/** "14:00 (Madrid 15:00)": a time of day today, for chat lines and the live page. */
export function formatTime(iso, zone = eventZone()) {
  const date = parse(iso);
  if (!date) return '';
  return withEventTime(format(date, CLOCK), date, zone, () => format(date, { ...CLOCK, timeZone: zone }));
}

/** "Tue 24 Nov, 14:00 (Madrid 15:00)"; the event side names its day too when it is another day there. */
export function formatDateTime(iso, zone = eventZone()) {
  const date = parse(iso);
  if (!date) return '';
  const here = `${format(date, DAY)}, ${format(date, CLOCK)}`;
  return withEventTime(here, date, zone, () => (dayIn(date, zone) === dayIn(date)
    ? format(date, { ...CLOCK, timeZone: zone })
    : `${format(date, { ...DAY, timeZone: zone })}, ${format(date, { ...CLOCK, timeZone: zone })}`));
}

/** "09:30–11:00 (Madrid 15:30–17:00)"; `endIso` may be absent. */
export function formatTimeRange(startIso, endIso, zone = eventZone()) {
  const start = parse(startIso);
  if (!start) return '';
  const end = parse(endIso);
  const range = (timeZone) => {
    const f = formatter({ ...CLOCK, timeZone });
    if (!end) return f.format(start);
    return f.formatRange && end >= start ? f.formatRange(start, end) : `${f.format(start)}–${f.format(end)}`;
  };
  return withEventTime(range(undefined), start, zone, () => range(zone));
}

/** "Tue 24 Nov, 09:30–11:00 (Madrid 15:30–17:00)": a session or a meeting slot, the day in the viewer's zone. */
export function formatSlot(startIso, endIso, zone = eventZone()) {
  const start = parse(startIso);
  if (!start) return '';
  return `${format(start, DAY)}, ${formatTimeRange(startIso, endIso, zone)}`;
}

/** A slot's time range alone when it is today (for the viewer), else with its day: for what is on now and next. */
export function formatSoon(startIso, endIso, zone = eventZone()) {
  const start = parse(startIso);
  if (!start) return '';
  return dayIn(start) === dayIn(new Date()) ? formatTimeRange(startIso, endIso, zone) : formatSlot(startIso, endIso, zone);
}

/** "Mon 15 Feb" (or "Monday 15 February" with `long`) for a calendar day "YYYY-MM-DD" (formatted at noon UTC). */
export function formatDay(day, { long = false } = {}) {
  const date = parse(`${day}T12:00:00Z`);
  if (!date) return day;
  return format(date, long ? { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' } : { ...DAY, timeZone: 'UTC' });
}

/** "15–22 February 2021": calendar dates of the seminar, in its own zone (a date range has no time to convert). */
export function formatDateRange(startIso, endIso, zone = eventZone()) {
  const start = parse(startIso);
  const end = parse(endIso);
  if (!start || !end) return '';
  let formatter;
  try {
    formatter = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: zone || undefined });
  } catch {
    formatter = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long' });
  }
  return formatter.formatRange ? formatter.formatRange(start, end) : `${formatter.format(start)} – ${formatter.format(end)}`;
}

/** The seminar's dates and its time zone, for the header. */
export function formatSeminarDates(seminar) {
  const range = formatDateRange(seminar?.startsAt, seminar?.endsAt, seminar?.timeZone);
  if (!range) return '';
  return seminar.timeZone ? t('header.dates', { range, tz: seminar.timeZone }) : range;
}

/** A `<time datetime>` element holding `text`. */
export function timeElement(iso, text) {
  const node = document.createElement('time');
  node.textContent = text;
  const date = parse(iso);
  if (date) node.dateTime = date.toISOString();
  return node;
}

/** A `<time>` with date and time (the seminar's zone beside when the viewer is elsewhere). */
export const dateTimeElement = (iso) => timeElement(iso, formatDateTime(iso));
