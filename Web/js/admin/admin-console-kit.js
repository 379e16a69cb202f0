// Pieces shared by the organiser console's parts (dashboard, people, reports, audit, announcements): data
// tables, dates and times, numbers, the rooms of the program, and datetime-local values.
import { getLocale, localized, t } from '../i18n.js';
import { el } from '../dom.js';
import { formatClock, formatDateTime, viewerZone } from '../time.js';
import { getSeminar } from '../seminar.js';

/**
 * A scrollable data table with a caption and column headers (a string, or `{text, num}` for a number column);
 * `rows` are <tr> nodes. `stack`: on narrow screens each row becomes a block whose cells carry their column's name
 * (the ARIA roles keep it a table for screen readers whatever the CSS does).
 */
export function dataTable(caption, headers, rows, props = {}, { stack = false } = {}) {
  const heads = headers.map((h) => (typeof h === 'string' ? { text: h } : h));
  const table = el('table', { ...props, className: `data console-table${stack ? ' console-stack' : ''} ${props.className ?? ''}`.trim() },
    el('caption', { textContent: caption }),
    el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col', className: h.num ? 'num' : '', textContent: h.text })))),
    el('tbody', {}, ...rows));
  if (stack) {
    table.setAttribute('role', 'table');
    for (const group of table.querySelectorAll('thead, tbody')) group.setAttribute('role', 'rowgroup');
    for (const row of table.querySelectorAll('tr')) {
      row.setAttribute('role', 'row');
      [...row.children].forEach((node, i) => {
        node.setAttribute('role', node.tagName === 'TH' ? 'columnheader' : 'cell');
        if (node.tagName === 'TD') node.dataset.label = heads[i]?.text ?? '';
      });
    }
  }
  return el('div', { className: 'table-scroll' }, table);
}

/** A <td> with text (numbers right-aligned with `num`). */
export const cell = (text, className = '') => el('td', { className, textContent: text == null ? '' : String(text) });

/** A whole number in the viewer's locale. */
export const count = (value) => new Intl.NumberFormat(getLocale()).format(Number(value) || 0);

/** A <time> with the viewer's date and time (and the seminar's, when elsewhere); "—" when absent. */
export function when(iso) {
  if (!iso) return document.createTextNode('—');
  const node = el('time', { textContent: formatDateTime(iso, getSeminar()?.timeZone) || String(iso) });
  node.dateTime = iso;
  return node;
}

/** "HH:MM" (or "HH:MM:SS" with `seconds`) in the viewer's zone and language. */
export function clock(date, { seconds = false } = {}) {
  return formatClock(date, { seconds });
}

/**
 * A datetime-local value ("2026-11-24T10:30"), read in the viewer's zone, as ISO 8601 UTC; '' for an empty
 * value; null when it is not a date.
 */
export function localInputToIso(value) {
  if (!value) return '';
  const date = new Date(value); // a date-time without an offset is local time
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A Date as a datetime-local value in the viewer's zone. */
export function isoToLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The viewer's time zone name, for hints. */
export { viewerZone };

let roomsPromise = null;

/** The program's rooms, once per page load: [{roomId, label, live}] live ones first, then by start. */
export function loadRooms(socket) {
  roomsPromise ??= socket.request('program.get', {}, { retry: false }).then((program) => {
    const byRoom = new Map();
    const sessions = (program.sessions ?? []).slice().sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)));
    for (const s of sessions) {
      if (s.roomId == null || byRoom.has(s.roomId)) continue;
      byRoom.set(s.roomId, { roomId: s.roomId, title: s.title, room: s.room, live: s.state === 'live' });
    }
    return [...byRoom.values()];
  }, (error) => { roomsPromise = null; throw error; });
  return roomsPromise.then((rooms) => rooms.map((r) => ({
    roomId: r.roomId, live: r.live,
    label: `${localized(r.title) || t('console.room', { id: r.roomId })}${r.room ? ` — ${r.room}` : ''}`,
  })));
}

export { uniqueId as consoleId, labelledField as labelled } from '../dom.js';

/** Copies text to the clipboard (the Clipboard API, else a selected hidden textarea); true when it worked. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* permission refused: try the old way */ }
  const focused = document.activeElement;
  const area = el('textarea', { value: text, readOnly: true, className: 'visually-hidden' });
  document.body.append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  area.remove();
  focused?.focus?.();
  return ok;
}
