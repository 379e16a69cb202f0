// The networking lounge (`#/lounge…`): tabs for People (who is here, suggestions, search), Messages, Meetings and
// My profile, each page in its own module. Being on any lounge page is presence in the lounge (lounge.enter,
// followed like a topic across reconnects; lounge.leave on leaving). Routes:
//   #/lounge · #/lounge/people/<id> · #/lounge/people/<id>/request · #/lounge/messages · #/lounge/messages/<id>
//   #/lounge/meetings · #/lounge/profile
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { acquireLive } from '../lounge-live.js';
import { peoplePage, personPage } from './lounge-people.js';
import { conversationPage, conversationsPage } from './lounge-dm.js';
import { meetingsPage } from './lounge-meetings.js';

const TABS = [
  ['people', '#/lounge', 'lounge.tab.people'],
  ['messages', '#/lounge/messages', 'lounge.tab.messages'],
  ['meetings', '#/lounge/meetings', 'lounge.tab.meetings'],
  ['profile', '#/lounge/profile', 'lounge.tab.profile'],
];

export function mount({ section, socket, user, go }) {
  const live = acquireLive({ socket, user });
  const presenceListeners = new Set();
  const gridListeners = new Set();
  const ctx = {
    socket, user, live, go,
    present: new Map(),   // userId → PersonView, who is in the lounge now
    blocked: new Set(),   // blocked during this visit (the server hides them from then on)
    onPresence(fn) { presenceListeners.add(fn); return () => presenceListeners.delete(fn); },
    /** `fn()` when the meeting grid may have changed: grid.updated, or back after a lost connection. */
    onGrid(fn) { gridListeners.add(fn); return () => gridListeners.delete(fn); },
    onProfileSaved(person) { ctx.user = { ...ctx.user, displayName: person.displayName }; },
  };
  let page = null;
  let inLounge = false;
  const tabLinks = new Map();
  const content = el('div', { id: 'lounge-content', className: 'lounge-content' });

  const presenceChanged = () => presenceListeners.forEach((fn) => fn());
  const gridChanged = () => gridListeners.forEach((fn) => fn());
  let snapshots = 0;
  function onLoungeEvent(event) {
    if (event.type === 'grid.updated') { gridChanged(); return; }
    if (event.type === 'lounge.joined' && event.data?.person) ctx.present.set(event.data.person.id, event.data.person);
    else if (event.type === 'lounge.left') ctx.present.delete(event.data?.userId);
    else return;
    presenceChanged();
  }
  function onLoungeSnapshot(snapshot) {
    // Presence is ephemeral: every snapshot is the whole truth, also after a reconnect.
    ctx.present = new Map((snapshot.people ?? []).map((p) => [p.id, p]));
    presenceChanged();
    // lounge.enter does not replay: a grid changed while the connection was lost is read again.
    if (snapshots++) gridChanged();
  }
  function enterLounge() {
    if (inLounge) return;
    inLounge = true;
    socket.subscribe('lounge', onLoungeEvent, onLoungeSnapshot, {
      enter: { type: 'lounge.enter', data: {} }, leave: { type: 'lounge.leave', data: {} },
    }).catch((error) => { inLounge = false; console.warn('lounge', error.code); });
  }
  function leaveLounge() {
    if (!inLounge) return;
    inLounge = false;
    snapshots = 0;
    socket.unsubscribe('lounge', onLoungeEvent);
    ctx.present = new Map();
  }

  function renderTabBadges() {
    const unread = live.totalUnread();
    const pending = live.pendingIncoming();
    for (const [name, count, key] of [['messages', unread, 'dm.unreadCount'], ['meetings', pending, 'meetings.pendingCount']]) {
      const link = tabLinks.get(name);
      if (!link) continue;
      let badge = link.querySelector('.count-badge');
      if (!count) { badge?.remove(); continue; }
      if (!badge) { badge = el('span', { className: 'count-badge', id: `lounge-${name}-badge` }); link.append(' ', badge); }
      badge.textContent = String(count);
      badge.setAttribute('aria-label', t(key, { count }));
    }
  }
  const offLive = live.on((event) => { if (event.type === 'unread' || event.type === 'meetings') renderTabBadges(); });

  function layout(active) {
    tabLinks.clear();
    const tabs = el('ul', {}, ...TABS.map(([name, href, key]) => {
      const link = el('a', { href, textContent: t(key), dataset: { tab: name } });
      if (name === active) link.setAttribute('aria-current', 'page');
      tabLinks.set(name, link);
      return el('li', {}, link);
    }));
    const nav = el('nav', { className: 'lounge-tabs' }, tabs);
    nav.setAttribute('aria-label', t('lounge.tabs'));
    section.replaceChildren(el('h1', { id: 'area-lounge-title', tabIndex: -1, textContent: t('area.lounge') }), nav, content);
    section.setAttribute('aria-labelledby', 'area-lounge-title');
    renderTabBadges();
  }

  /** A page whose module loads when it is first opened (my profile: most visits to the lounge never open it). */
  function lazyPage(load) {
    let loaded = null;
    let gone = false;
    load().then((next) => { if (gone) next.destroy?.(); else loaded = next; },
      () => { if (!gone) content.replaceChildren(el('p', { className: 'note', textContent: t('area.soon') })); });
    return { destroy() { gone = true; loaded?.destroy?.(); } };
  }

  function show(path = []) {
    enterLounge();
    page?.destroy();
    page = null;
    const [sub, id, extra] = path;
    const userId = Number(id);
    if (sub === 'messages') {
      layout('messages');
      page = Number.isInteger(userId) && userId > 0 ? conversationPage(ctx, content, userId) : conversationsPage(ctx, content);
    } else if (sub === 'meetings') {
      layout('meetings');
      page = meetingsPage(ctx, content);
    } else if (sub === 'profile') {
      layout('profile');
      page = lazyPage(() => import('./profile.js').then(({ profilePage }) => profilePage(ctx, content)));
    } else if (sub === 'people' && Number.isInteger(userId) && userId > 0) {
      layout('people');
      page = personPage(ctx, content, userId, { request: extra === 'request' });
    } else {
      layout('people');
      page = peoplePage(ctx, content);
    }
  }

  function hide() {
    page?.destroy();
    page = null;
    leaveLounge();
  }

  return {
    show,
    hide,
    unmount() {
      hide();
      offLive();
      live.release();
      section.replaceChildren();
    },
    setUser(next) { ctx.user = { ...ctx.user, ...next }; },
  };
}
