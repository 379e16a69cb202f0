// The home page's "Your sessions", for hosts: each session they host with its time in
// the viewer's zone, its room's state and a link to open and run the room. Read with hosting.get, and again when an
// organiser gives or takes away a session (`hosting.changed` on the person's topic) or a room changes state.
// A lazy module with the sessions' strings: most people host nothing, and the home page stays light for them.
import { loadStrings, onLocaleChange, t } from './i18n.js';
import { el, $ } from './dom.js';
import { localizedNode, sessionTimeNode } from './program-text.js';
import { getSeminar } from './seminar.js';

const STATES = { scheduled: 'room.state.scheduled', open: 'sessions.state.open', live: 'sessions.state.live', ended: 'sessions.state.ended' };

/** Fills a `#home-hosting` section of the overview. Returns `{ unmount }`. */
export async function mountHomeHosting({ socket, user }) {
  await loadStrings('sessions');
  const topic = `user:${user.id}`;
  const box = el('section', { id: 'home-hosting', className: 'home-live', hidden: true });
  box.setAttribute('aria-labelledby', 'home-hosting-title');
  $('home-live')?.before(box);
  let sessions = null;
  let stopped = false;

  function render() {
    const zone = getSeminar()?.timeZone;
    box.hidden = sessions === null;
    box.replaceChildren(el('h2', { id: 'home-hosting-title', textContent: t('home.hosting.title') }),
      sessions?.length ? el('ul', { id: 'home-hosting-list', className: 'home-live-list' }, ...sessions.map((s) => el('li', { dataset: { roomId: s.roomId, state: s.state } },
        localizedNode('strong', s.title), ' ', el('span', { className: 'hint' }, sessionTimeNode(s, zone)), ' ',
        el('span', { className: `state state-${s.state}`, textContent: t(STATES[s.state] ?? STATES.scheduled) }), ' ',
        s.roomId == null ? '' : el('a', { className: 'button-link', href: `#/room/${Number(s.roomId)}`, textContent: t(s.state === 'ended' ? 'home.hosting.open' : 'home.hosting.run') }))))
        : el('p', { className: 'note', textContent: t('home.hosting.none') }));
  }

  async function refresh() {
    try {
      sessions = (await socket.request('hosting.get')).sessions ?? [];
      if (!stopped) render();
    } catch { /* offline: the next event or reconnect refreshes */ }
  }

  const onUser = (event) => { if (event.type === 'hosting.changed' || event.type === 'role.changed') refresh(); };
  const onSeminar = (event) => { if (event.type === 'room.state' && sessions?.some((s) => s.roomId === event.data?.roomId)) refresh(); };
  socket.subscribe(topic, onUser, () => refresh()).catch(() => {});
  socket.subscribe('seminar', onSeminar, null).catch(() => {});
  const offLocale = onLocaleChange(render);
  return {
    unmount() {
      stopped = true;
      socket.unsubscribe(topic, onUser);
      socket.unsubscribe('seminar', onSeminar);
      offLocale();
      box.remove();
    },
  };
}
