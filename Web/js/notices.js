// Personal notices on every page, from the person's `user:<id>` topic: reminders five minutes before a bookmarked
// session (a link to its room) or a booked meeting (a link to its table), breakout groups (assigned / ended), and the
// person's new role (home.js adds it). Polite: they are read out when they appear and stay until dismissed.
import { onLocaleChange, t } from './i18n.js';
import { el } from './dom.js';
import { attrs, formatTimeRange, localizedNode } from './program-text.js';
import { getSeminar } from './seminar.js';

const MAX_NOTICES = 5;
const ROLE_NAMES = {
  participant: () => t('role.name.participant'),
  host: () => t('role.name.host'),
  agent: () => t('role.name.agent'),
  organiser: () => t('role.name.organiser'),
};

/**
 * Subscribes to the person's topic and shows notices above the page content. Returns `{ add(kind, data), unmount }`;
 * `add('role', {role, closed})` says the person's role is now `role` (and, with `closed`, that the page they were on
 * is not open to it).
 */
export function mountNotices({ socket, user }) {
  const topic = `user:${user.id}`;
  const region = attrs(el('div', { className: 'notices', id: 'notices' }), { 'aria-live': 'polite', 'aria-relevant': 'additions' });
  document.getElementById('home-main')?.prepend(region);
  const notices = []; // { kind, data, at }
  const seen = new Set();

  function render(notice) {
    const d = notice.data;
    const body = el('div', { className: 'notice-body' });
    if (notice.kind === 'reminder') {
      body.append(el('p', { className: 'notice-title', textContent: t('agenda.reminder.title') }),
        el('p', {}, localizedNode('strong', d.title), ' · ', formatTimeRange(d.startsAt, null, getSeminar()?.timeZone)),
        el('a', { className: 'button-link primary', href: d.roomId ? `#/room/${Number(d.roomId)}` : `#/sessions/${Number(d.sessionId)}`, textContent: t('agenda.reminder.enter') }));
    } else if (notice.kind === 'role') {
      body.append(el('p', { className: 'notice-title', textContent: t('role.changed', { role: ROLE_NAMES[d.role]?.() ?? String(d.role ?? '') }) }));
      if (d.closed) body.append(el('p', { textContent: t('role.pageClosed') }));
    } else if (notice.kind === 'meeting.reminder') {
      const m = d.meeting || {};
      body.append(el('p', { className: 'notice-title', textContent: t('notice.meeting.title') }),
        el('p', {}, el('strong', { textContent: t('notice.meeting.with', { name: m.with?.displayName || '', table: m.table ?? '' }) }),
          ' · ', formatTimeRange(m.slot?.startsAt, m.slot?.endsAt, getSeminar()?.timeZone)),
        el('a', { className: 'button-link primary', href: `#/table/${Number(m.id)}`, textContent: t('notice.meeting.join') }));
    } else if (notice.kind === 'breakout.assigned') {
      body.append(el('p', { className: 'notice-title', textContent: t('room.breakout.assigned', { group: d.group ?? '' }) }),
        el('a', { className: 'button-link primary', href: `#/room/${Number(d.roomId)}`, textContent: t('room.breakout.join') }));
    } else {
      body.append(el('p', { className: 'notice-title', textContent: t('room.breakout.ended') }),
        el('a', { className: 'button-link', href: `#/room/${Number(d.parentRoomId)}`, textContent: t('room.breakout.back') }));
    }
    const dismiss = el('button', { type: 'button', className: 'dismiss', textContent: '×' });
    dismiss.setAttribute('aria-label', t('agenda.reminder.dismiss'));
    dismiss.addEventListener('click', () => {
      notices.splice(notices.indexOf(notice), 1);
      node.remove();
      document.getElementById('home-main')?.focus();
    });
    const node = el('div', { className: `notice notice-${notice.kind.replace('.', '-')}` }, body, dismiss);
    return node;
  }

  function add(kind, data, id) {
    if (id && seen.has(id)) return;
    if (id) seen.add(id);
    const notice = { kind, data };
    notices.push(notice);
    if (notices.length > MAX_NOTICES) notices.shift();
    region.append(render(notice));
    while (region.childElementCount > MAX_NOTICES) region.firstElementChild.remove();
  }

  function onEvent(event) {
    const d = event.data || {};
    if (event.type === 'reminder') add('reminder', d, `reminder:${d.sessionId}:${d.startsAt}`);
    else if (event.type === 'meeting.reminder') add('meeting.reminder', d, `meeting:${d.meeting?.id}`);
    else if (event.type === 'breakout.assigned') add('breakout.assigned', d, `breakout:${d.roomId}`);
    else if (event.type === 'breakout.ended') add('breakout.ended', d, `ended:${d.parentRoomId}:${event.seq ?? event.at}`);
  }

  const offLocale = onLocaleChange(() => region.replaceChildren(...notices.map(render)));
  socket.subscribe(topic, onEvent, () => {}).catch((error) => console.warn('user topic', error.code));
  return {
    add(kind, data) { add(kind, data); },
    unmount() {
      offLocale();
      socket.unsubscribe(topic, onEvent);
      region.remove();
    },
  };
}
