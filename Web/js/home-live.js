// The home overview's "on now": the sessions live now (each a link to its room) and the all-week channel,
// UCLG TV, with the programme on now and next. Read with guide.now, and again whenever a room changes state
// on the `seminar` topic and every minute (the channel's programme moves on by itself).
import { onLocaleChange, t } from './i18n.js';
import { el, $ } from './dom.js';
import { formatTimeRange, localizedNode } from './program-text.js';
import { getSeminar } from './seminar.js';

const REFRESH_MS = 60_000;

/** Fills `#home-live` in the overview. Returns `{ unmount }`. */
export function mountHomeLive({ socket }) {
  const host = $('home-live');
  let guide = null;
  let timer = null;
  let stopped = false;

  function programme(label, item) {
    if (!item) return null;
    return el('p', { className: 'channel-programme' }, el('span', { className: 'channel-when', textContent: `${label} · ` }),
      localizedNode('strong', item.title), ' ', el('span', { className: 'hint', textContent: formatTimeRange(item.startsAt, item.endsAt, getSeminar()?.timeZone) }));
  }

  function render() {
    if (!host) return;
    const zone = getSeminar()?.timeZone;
    const live = guide?.now ?? [];
    const list = el('ul', { id: 'home-live-list', className: 'home-live-list' }, ...live.map((session) => el('li', {},
      el('a', { href: `#/room/${Number(session.roomId)}` }, localizedNode('span', session.title)),
      ' ', el('span', { className: 'hint', textContent: formatTimeRange(session.startsAt, session.endsAt, zone) }))));
    const parts = [el('h2', { id: 'home-live-title', textContent: t('home.live.title') })];
    parts.push(live.length ? list : el('p', { className: 'note', textContent: t('home.live.none') }));
    const channel = guide?.channel;
    if (channel) {
      const card = el('div', { id: 'home-channel', className: 'card channel-card' },
        localizedNode('h3', channel.name),
        programme(t('home.channel.now'), channel.now) ?? el('p', { className: 'hint', textContent: t('home.channel.off') }),
        programme(t('home.channel.next'), channel.next) ?? '',
        el('a', { className: 'button-link primary', href: `#/room/${Number(channel.roomId)}`, textContent: t('home.channel.watch') }));
      parts.push(card);
    }
    host.replaceChildren(...parts);
  }

  async function refresh() {
    try {
      guide = await socket.request('guide.now');
      if (!stopped) render();
    } catch { /* offline: the socket retries, and the next state change or minute refreshes */ }
  }

  const onEvent = (event) => { if (event.type === 'room.state') refresh(); };
  socket.subscribe('seminar', onEvent, () => refresh()).catch(() => {});
  timer = setInterval(refresh, REFRESH_MS);
  const offLocale = onLocaleChange(render);
  render();
  return {
    unmount() {
      stopped = true;
      clearInterval(timer);
      socket.unsubscribe('seminar', onEvent);
      offLocale();
      host?.replaceChildren();
    },
  };
}
