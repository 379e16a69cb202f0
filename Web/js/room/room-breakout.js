// The breakout bar of a room, loaded only when groups run: in a group's room, the time left and the way back to the
// main room; in the main room, that groups are running and the time left. Everyone sees the same clock (the
// groups' end time from the server), counted down each second; it says nothing to screen readers each second
// (role=timer), only when it is read.
import { t } from '../i18n.js';
import { attrs, el } from '../dom.js';

/** "4:05" or "1:02:05" left until `endsAt` (never below 0:00). */
export function timeLeft(endsAt, now = Date.now()) {
  const seconds = Math.max(0, Math.ceil((new Date(endsAt) - now) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Shows in `bar` the groups' clock: `{endsAt, parentRoomId?}` (in a group's room) or `{endsAt, groups, yourRoomId?}`
 * (in the main room); null hides it. Returns a function that stops the clock.
 */
export function showBreakout(bar, running) {
  if (!running?.endsAt) {
    bar.hidden = true;
    bar.replaceChildren();
    return () => {};
  }
  const clock = attrs(el('strong', { className: 'breakout-clock', id: 'breakout-clock' }), { role: 'timer' });
  const label = running.parentRoomId
    ? t('room.breakout.inGroup')
    : t('room.breakout.running', { count: running.groups ?? 0 });
  bar.replaceChildren(el('span', { textContent: `${label} · ` }), clock, ' ', el('span', { textContent: t('room.breakout.left') }));
  if (running.parentRoomId) {
    bar.append(' ', el('a', { href: `#/room/${Number(running.parentRoomId)}`, id: 'breakout-back', textContent: t('room.breakout.back') }));
  } else if (running.yourRoomId) { // the main room, opened again while the reader's group runs: the way to it
    bar.append(' ', el('a', { href: `#/room/${Number(running.yourRoomId)}`, id: 'breakout-join', textContent: t('room.breakout.join') }));
  }
  bar.hidden = false;
  const tick = () => { clock.textContent = timeLeft(running.endsAt); };
  tick();
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}
