// The "Need help?" button on every page of the signed-in view. The panel behind it (help.js: asking the desk, the
// conversation, its styles) is most of the help's weight and most people never open it, so it loads only when
// needed: the button is pressed, the panel was open before a reload, the person has a request open (its state shows
// on the button), or the desk writes to them (a reply, a request opened in another tab).
import { onLocaleChange, t } from './i18n.js';
import { $, el } from './dom.js';
import { loadWith } from './areas.js';

const OPEN_KEY = 'seminar.helpOpen'; // help.js keeps the panel's open state here, for this tab
const DESK_EVENTS = ['ticket.updated', 'desk.message', 'desk.position'];
let mountedHelp = null; // the mounted button, for openHelp()

/** Opens the help panel (e.g. from the welcome page) and puts the focus in it. */
export function openHelp() { mountedHelp?.open(); }

const wasOpen = () => { try { return sessionStorage.getItem(OPEN_KEY) === '1'; } catch { return false; } };

/** Mounts the button into #help-root. Returns `{ setUser, unmount }`. */
export function mountHelp({ socket, user }) {
  const root = $('help-root');
  let me = user;
  let topic = null;
  let panel = null;   // help.js's mounted panel, once loaded
  let loading = null; // its promise while loading
  let unread = 0;     // replies that came before the panel was there
  let gone = false;

  const label = el('span', { id: 'help-button-label', className: 'help-button-label', textContent: t('help.button') });
  const button = el('button', { type: 'button', id: 'help-button', className: 'help-button' },
    el('span', { className: 'help-button-icon', textContent: '?' }), label);
  button.setAttribute('aria-expanded', 'false');
  button.dataset.state = 'idle';
  root.replaceChildren(button);

  /** Loads the panel and hands the page over to it (it takes over the button and the person's desk events). */
  function load({ open = false } = {}) {
    if (!loading) {
      loading = loadWith({ module: () => import('./help.js'), styles: ['help'] }).then((module) => {
        if (gone) return null;
        const focused = document.activeElement === button;
        unfollow();
        panel = module.mountHelp({ socket, user: me, unread });
        if (focused) $('help-button')?.focus();
        return panel;
      }, (error) => {
        loading = null; // a lost connection: the next press tries again
        throw error;
      });
    }
    return loading.then((mounted) => { if (open) mounted?.open({ focus: true }); return mounted; });
  }

  function onEvent(event) {
    if (!DESK_EVENTS.includes(event.type)) return;
    if (event.type === 'desk.message' && event.data?.author?.id !== me?.id) unread += 1;
    load().catch(() => {});
  }

  function follow() {
    const next = me?.id != null ? `user:${me.id}` : null;
    if (topic === next) return;
    unfollow();
    topic = next;
    if (topic) socket.subscribe(topic, onEvent, null).catch((error) => console.warn('help topic', error.code));
  }
  function unfollow() {
    if (topic) socket.unsubscribe(topic, onEvent);
    topic = null;
  }

  /** A request still open (from before a reload, or another device) shows on the button: the panel takes it. */
  async function lookForRequest() {
    try {
      const reply = await socket.request('desk.ticket', {}, { retry: false });
      if (reply.ticket && reply.ticket.state !== 'resolved') load().catch(() => {});
    } catch (error) {
      if (error.code !== 'not_found') console.warn('desk.ticket', error.code);
    }
  }

  const offLocale = onLocaleChange(() => { if (!panel) label.textContent = t('help.button'); });
  button.addEventListener('click', () => {
    button.setAttribute('aria-busy', 'true');
    load({ open: true }).catch(() => { button.removeAttribute('aria-busy'); });
  });

  if (wasOpen()) load().catch(() => {}); // help.js opens itself as it was
  else {
    follow();
    lookForRequest();
  }

  mountedHelp = {
    open() { load({ open: true }).catch(() => {}); },
    setUser(next) {
      me = next;
      if (panel) panel.setUser(next);
      else if (!loading) follow();
    },
    unmount() {
      gone = true;
      unfollow();
      offLocale();
      panel?.unmount();
      root.replaceChildren();
      mountedHelp = null;
    },
  };
  return mountedHelp;
}
