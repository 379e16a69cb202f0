// Personal notices on every page, from the person's `user:<id>` topic: reminders five minutes before a bookmarked
// session (a link to its room) or a booked meeting (a link to its table), breakout groups (assigned / ended), and the
// person's new role (home.js adds it). Polite: they are read out when they appear and stay until dismissed.
import { onLocaleChange, t } from './i18n.js';
import { attrs, el } from './dom.js';
import { formatTimeRange, localizedNode } from './program-text.js';
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
      drop(notice);
      document.getElementById('home-main')?.focus();
    });
    const node = el('div', { className: `notice notice-${notice.kind.replace('.', '-')}` }, body, dismiss);
    notice.node = node;
    placeGroupNotice(notice);
    return node;
  }

  // "You are in group N – Join my group" is hidden in the group's own room (the room says it) and shown elsewhere
  // while the group runs; "The groups have ended" is not needed in the main room itself.
  function placeGroupNotice(notice) {
    const here = location.hash;
    if (notice.kind === 'breakout.assigned') notice.node.hidden = here === `#/room/${Number(notice.data.roomId)}`;
    if (notice.kind === 'breakout.ended' && here === `#/room/${Number(notice.data.parentRoomId)}`) drop(notice);
  }

  function drop(notice) {
    const at = notices.indexOf(notice);
    if (at >= 0) notices.splice(at, 1);
    notice.node?.remove();
  }

  // The groups of a main room have ended: their "join my group" notices go; someone who was in their group is
  // taken back to the main room by the room page, anyone elsewhere is told (until they go back or dismiss it).
  function groupsEnded(d, id) {
    const mine = notices.filter((n) => n.kind === 'breakout.assigned' && n.data.parentRoomId === d.parentRoomId);
    const inGroup = mine.some((n) => location.hash === `#/room/${Number(n.data.roomId)}`);
    mine.forEach(drop);
    if (!inGroup) add('breakout.ended', d, id);
  }

  const onHash = () => [...notices].forEach((notice) => notice.node && placeGroupNotice(notice));
  addEventListener('hashchange', onHash);

  function add(kind, data, id) {
    if (id && seen.has(id)) return;
    if (id) seen.add(id);
    const notice = { kind, data };
    notices.push(notice);
    if (notices.length > MAX_NOTICES) notices.shift();
    const node = render(notice);
    if (notices.includes(notice)) region.append(node);
    while (region.childElementCount > MAX_NOTICES) region.firstElementChild.remove();
  }

  function onEvent(event) {
    const d = event.data || {};
    if (event.type === 'reminder') add('reminder', d, `reminder:${d.sessionId}:${d.startsAt}`);
    else if (event.type === 'meeting.reminder') add('meeting.reminder', d, `meeting:${d.meeting?.id}`);
    else if (event.type === 'breakout.assigned') add('breakout.assigned', d, `breakout:${d.roomId}`);
    else if (event.type === 'breakout.ended') groupsEnded(d, `ended:${d.parentRoomId}:${event.seq ?? event.at}`);
  }

  const offLocale = onLocaleChange(() => {
    const nodes = [...notices].map(render); // a notice not wanted where the person is drops itself
    region.replaceChildren(...nodes.filter((node) => notices.some((n) => n.node === node)));
  });
  socket.subscribe(topic, onEvent, () => {}).catch((error) => console.warn('user topic', error.code));
  return {
    add(kind, data) { add(kind, data); },
    unmount() {
      offLocale();
      removeEventListener('hashchange', onHash);
      socket.unsubscribe(topic, onEvent);
      region.remove();
    },
  };
}
