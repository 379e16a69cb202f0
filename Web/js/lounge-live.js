// The lounge's live state, shared by the lounge pages, the meeting table and the navigation: the person's
// `user:<id>` topic (direct messages, meeting requests, bookings, WebRTC signals), the unread DM counts (also a
// badge on the Lounge link of the main navigation) and the meeting list. One per socket, counted by users:
// `acquireLive()` … `release()`. The topic is followed across reconnects by socket.js (resumed with `since`);
// after every snapshot the counts and the list are read again, so nothing missed stays stale.
import { onLocaleChange, t } from './i18n.js';
import { el } from './dom.js';

const lives = new WeakMap(); // socket → live

/** The shared live state for `socket` (made on first use); call `release()` when done with it. */
export function acquireLive({ socket, user }) {
  let live = lives.get(socket);
  if (!live) {
    live = createLive(socket, user);
    lives.set(socket, live);
  }
  live.users += 1;
  return live;
}

function createLive(socket, user) {
  const listeners = new Set();
  const topic = `user:${user.id}`;
  let unread = {};               // senderId → count
  let list = { incoming: [], outgoing: [], meetings: [], iceServers: [] };
  let listLoaded = null;         // promise of the first meeting.list
  let refreshTimer = null;
  let badge = null;
  let offLocale = null;

  const emit = (event) => {
    for (const fn of listeners) {
      try { fn(event); } catch (error) { console.error(error); }
    }
  };

  async function refreshUnread() {
    try {
      unread = (await socket.request('dm.unread')).counts ?? {};
      renderBadge();
      emit({ type: 'unread' });
    } catch (error) { console.warn('dm.unread', error.code); }
  }

  function refreshMeetings() {
    const pending = socket.request('meeting.list').then((reply) => {
      list = {
        incoming: reply.incoming ?? [], outgoing: reply.outgoing ?? [], meetings: reply.meetings ?? [],
        iceServers: reply.iceServers ?? [],
      };
      renderBadge();
      emit({ type: 'meetings' });
      return list;
    }, (error) => { console.warn('meeting.list', error.code); return list; });
    listLoaded ??= pending;
    return pending;
  }

  /** Several meeting events often come together (both people's views): one list request for them all. */
  function refreshMeetingsSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshMeetings, 150);
  }

  function onEvent(event) {
    const data = event.data ?? {};
    if (event.type === 'dm.message') {
      const from = data.from?.id;
      if (from != null && from !== user.id) {
        if (live.activeConversation === from && document.visibilityState === 'visible') {
          socket.request('dm.read', { with: from }).then((reply) => setUnread(reply.counts), () => {});
        } else {
          unread = { ...unread, [from]: (unread[from] ?? 0) + 1 };
          renderBadge();
          emit({ type: 'unread' });
        }
      }
    } else if (event.type === 'dm.read') { // read on another tab or device: the count is the person's
      refreshUnread();
    } else if (event.type.startsWith('meeting.')) {
      refreshMeetingsSoon();
    }
    emit(event);
  }

  function onSnapshot() {
    refreshUnread();
    refreshMeetings();
  }

  function setUnread(counts) {
    unread = counts ?? {};
    renderBadge();
    emit({ type: 'unread' });
  }

  const totalUnread = () => Object.values(unread).reduce((sum, n) => sum + (Number(n) || 0), 0);
  const pendingIncoming = () => list.incoming.filter((r) => r.status === 'pending').length;

  /** A count beside the Lounge link (a sibling, so that translating the link's text keeps it). */
  function renderBadge() {
    const link = document.querySelector('#main-nav a[data-area="lounge"]');
    if (!link) return;
    if (!badge || !badge.isConnected) {
      badge = el('span', { id: 'lounge-nav-badge', className: 'nav-badge', hidden: true });
      link.after(badge);
      link.setAttribute('aria-describedby', badge.id);
    }
    const count = totalUnread();
    badge.hidden = count === 0;
    badge.textContent = String(count);
    badge.title = t('dm.unreadCount', { count });
    badge.setAttribute('aria-label', t('dm.unreadCount', { count }));
  }

  const live = {
    users: 0,
    /** The person whose conversation is on screen: their new messages are marked read at once. */
    activeConversation: null,
    get unread() { return unread; },
    get list() { return list; },
    totalUnread,
    pendingIncoming,
    /** The meeting list, loaded at least once. */
    meetings: () => listLoaded ?? refreshMeetings(),
    refreshMeetings,
    refreshUnread,
    setUnread,
    /** Calls `fn(event)` for each event of the user topic, and `{type: 'unread'|'meetings'}` after a refresh. */
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    release() {
      live.users -= 1;
      if (live.users > 0) return;
      lives.delete(socket);
      socket.unsubscribe(topic, onEvent);
      clearTimeout(refreshTimer);
      offLocale?.();
      if (badge) {
        badge.previousElementSibling?.removeAttribute('aria-describedby');
        badge.remove();
      }
      listeners.clear();
    },
  };
  offLocale = onLocaleChange(renderBadge);
  socket.subscribe(topic, onEvent, onSnapshot).catch((error) => console.warn(topic, error.code));
  return live;
}
