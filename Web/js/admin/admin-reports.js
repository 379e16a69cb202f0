// The organiser console's "Reports": a download link for each CSV export (/api/export/<name>.csv), a room picker
// (needed for the chat, a filter for questions and polls) and "UTF-8 BOM for spreadsheets" (?bom=1).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { labelled, loadRooms } from './admin-console-kit.js';

/** The exports, in page order; `room`: 'required', 'optional' or absent. */
const EXPORTS = [
  { name: 'attendance' },
  { name: 'meetings' },
  { name: 'questions', room: 'optional' },
  { name: 'polls', room: 'optional' },
  { name: 'chat', room: 'required' },
  { name: 'audit' },
  { name: 'participants' },
];

/** The address of one export. */
export function exportHref(name, { roomId = '', bom = false } = {}) {
  const params = new URLSearchParams();
  if (roomId) params.set('roomId', roomId);
  if (bom) params.set('bom', '1');
  const query = params.toString();
  return `/api/export/${name}.csv${query ? `?${query}` : ''}`;
}

export function mount({ host, socket }) {
  let roomId = '';
  let bom = false;
  let rooms = [];
  const links = new Map(); // name → {item, link, note}

  function update() {
    for (const spec of EXPORTS) {
      const { link, note } = links.get(spec.name);
      const usesRoom = spec.room && roomId;
      const blocked = spec.room === 'required' && !roomId;
      if (blocked) {
        link.removeAttribute('href');
        link.setAttribute('aria-disabled', 'true');
        note.textContent = t('console.reports.needsRoom');
      } else {
        link.href = exportHref(spec.name, { roomId: usesRoom ? roomId : '', bom });
        link.removeAttribute('aria-disabled');
        const label = rooms.find((r) => String(r.roomId) === roomId)?.label;
        note.textContent = spec.room && !roomId ? t('console.reports.allRooms') : usesRoom ? t('console.reports.forRoom', { room: label ?? roomId }) : '';
      }
    }
  }

  function build() {
    links.clear();
    const room = el('select', { id: 'reports-room' }, el('option', { value: '', textContent: t('console.reports.noRoom') }),
      ...rooms.map((r) => el('option', { value: String(r.roomId), textContent: r.label })));
    room.value = roomId;
    room.addEventListener('change', () => { roomId = room.value; update(); });
    const bomBox = el('input', { type: 'checkbox', id: 'reports-bom', checked: bom });
    bomBox.addEventListener('change', () => { bom = bomBox.checked; update(); });
    const items = EXPORTS.map((spec) => {
      const link = el('a', { id: `export-${spec.name}`, className: 'console-button', download: '', textContent: t(`console.reports.${spec.name}`) });
      const note = el('span', { className: 'hint console-export-note', id: `export-${spec.name}-note` });
      link.setAttribute('aria-describedby', `export-${spec.name}-about ${note.id}`);
      links.set(spec.name, { link, note });
      return el('li', { className: 'console-export', dataset: { export: spec.name } }, link,
        el('span', { className: 'console-export-about', id: `export-${spec.name}-about`, textContent: t(`console.reports.${spec.name}.about`) }), note);
    });
    host.replaceChildren(
      el('h2', { id: 'admin-reports-title', textContent: t('console.reports.title') }),
      el('div', { className: 'card' },
        el('p', { className: 'hint', textContent: t('console.reports.intro') }),
        el('div', { className: 'console-report-options' },
          labelled(t('console.reports.room'), room, t('console.reports.roomHint')),
          el('div', { className: 'console-check' }, bomBox, el('label', { htmlFor: bomBox.id, textContent: t('console.reports.bom') }))),
        el('ul', { className: 'console-exports', id: 'reports-list' }, ...items)));
    host.setAttribute('aria-labelledby', 'admin-reports-title');
    update();
  }

  return {
    async show() {
      build();
      try {
        const loaded = await loadRooms(socket);
        if (loaded.length !== rooms.length) { rooms = loaded; build(); }
      } catch { /* the room picker stays empty: the chat export waits for a room */ }
    },
    unmount() { host.replaceChildren(); },
  };
}
