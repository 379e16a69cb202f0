// Announcements: the `seminar` topic's snapshot and live `announcement` events, the banner at the top
// of every page, the newest-first list on the home overview, and the organisers' form.
import { LOCALES, applyTranslations, getLocale, onLocaleChange, t } from './i18n.js';
import { errorMessage } from './errors.js';
import { formatDateTime } from './time.js';
import { languageMarker } from './program-text.js';
import { getSeminar } from './seminar.js';
import { $, el } from './dom.js';

const LEVELS = ['info', 'warning', 'urgent'];
const MAX_ITEMS = 50;
const DISMISSED_KEY = 'seminar.dismissedAnnouncement';
const keyOf = (item) => String(item.id ?? `seq:${item.seq}`);
const levelText = (item) => t(`announcements.level.${item.level}`);
const dismissed = () => { try { return localStorage.getItem(DISMISSED_KEY); } catch { return null; } };

function normalize(data = {}, event = {}) {
  const seq = event.seq ?? data.seq;
  return {
    id: data.id ?? null,
    seq: typeof seq === 'number' ? seq : null,
    text: String(data.text ?? ''),
    level: LEVELS.includes(data.level) ? data.level : 'info',
    lang: LOCALES.includes(data.lang) ? data.lang : null, // null: made before languages were recorded, unmarked
    author: String(data.author?.displayName ?? ''),
    at: data.at ?? event.at ?? null,
  };
}

/** Puts an announcement's text into `node` in its language, marked "(in Spanish)" for a reader of another one. */
function fillText(node, item) {
  if (item.lang) node.lang = item.lang;
  else node.removeAttribute('lang');
  const marker = languageMarker(item.lang);
  node.replaceChildren(...(marker ? [item.text, ' ', marker] : [item.text]));
  return node;
}

function renderItem(item) {
  const dataset = { id: item.id ?? '' };
  if (item.seq != null) dataset.seq = item.seq;
  const time = el('time', { textContent: formatDateTime(item.at, getSeminar()?.timeZone) });
  if (item.at) time.dateTime = item.at;
  return el('li', { className: `announcement level-${item.level}`, dataset },
    el('p', { className: 'announcement-level', textContent: levelText(item) }),
    fillText(el('p', { className: 'announcement-text' }), item),
    el('p', { className: 'announcement-meta' }, item.author ? `${item.author} · ` : '', time));
}

/** The organisers' form, cloned from its template so that other roles never have it in the page. */
function mountForm(socket) {
  const host = $('announce-host');
  const fragment = $('announce-template').content.cloneNode(true);
  applyTranslations(fragment);
  host.replaceChildren(fragment);
  const text = $('announce-text');
  let shown = { error: null, status: '' };
  const render = () => {
    $('announce-error').textContent = shown.error ? errorMessage(shown.error) : '';
    $('announce-status').textContent = shown.status ? t(shown.status) : '';
  };
  const show = (error, status = '') => {
    shown = { error, status };
    const bad = error?.field === 'text' || error?.code === 'too_large';
    text.toggleAttribute('aria-invalid', bad);
    if (bad) text.focus();
    render();
  };
  $('announce-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = $('announce-submit');
    if (submit.disabled) return;
    const value = text.value.trim();
    if (!value) return show({ code: 'invalid', field: 'text' });
    show(null, 'announce.sending');
    submit.disabled = true;
    try {
      // Written in the language of the page (the console's full form lets one pick another).
      await socket.request('announce', { text: value, level: $('announce-level').value, lang: getLocale() });
      text.value = '';
      $('announce-level').value = 'info'; // an urgent level should never carry over by accident
      show(null, 'announce.sent');
    } catch (error) {
      show(error);
    } finally {
      submit.disabled = false;
    }
  });
  return { render, remove: () => host.replaceChildren() };
}

/** Subscribes to `seminar` and keeps the banner and the list current. Returns `{ setUser, unmount }`. */
export function mountAnnouncements({ socket }) {
  let items = []; // oldest first
  let form = null;
  let revealTimer;
  const banner = $('announcement-banner');
  const bannerText = $('announcement-banner-text');
  const bannerLevel = banner.querySelector('.banner-level');

  const renderList = () => {
    $('announcements-list').replaceChildren(...items.slice().reverse().map(renderItem));
    $('announcements-empty').hidden = items.length > 0;
  };
  const hideBanner = () => {
    clearTimeout(revealTimer);
    banner.hidden = true;
    bannerText.textContent = '';
    bannerText.removeAttribute('lang');
  };

  /** The newest one, unless dismissed. `live`: just arrived, so read it out (urgent: as an alert). */
  function showNewest(live) {
    const item = items.at(-1);
    if (!item || dismissed() === keyOf(item)) return hideBanner();
    const urgent = live && item.level === 'urgent';
    banner.className = `announcement-banner level-${item.level}`;
    banner.dataset.key = keyOf(item);
    banner.dataset.level = item.level;
    if (urgent) banner.setAttribute('role', 'alert');
    else banner.removeAttribute('role');
    banner.setAttribute('aria-live', urgent ? 'assertive' : 'polite');
    bannerLevel.textContent = levelText(item);
    clearTimeout(revealTimer);
    // A live region is read when it changes while shown: show it first, then fill it.
    const reveal = live && banner.hidden;
    if (reveal) bannerText.textContent = '';
    else fillText(bannerText, item);
    banner.hidden = false;
    if (reveal) revealTimer = setTimeout(() => { fillText(bannerText, item); }, 50);
  }

  function onSnapshot(snapshot, { resumed }) {
    const known = new Map(items.map((i) => [keyOf(i), i]));
    const incoming = (Array.isArray(snapshot?.announcements) ? snapshot.announcements : []).map((a) => {
      const item = normalize(a);
      item.seq ??= known.get(keyOf(item))?.seq ?? null; // snapshot objects may lack the seq we saw
      return item;
    });
    const keys = new Set(incoming.map(keyOf));
    // After a resume the older items we hold stay: the snapshot is only the newest page.
    items = (resumed ? [...items.filter((i) => !keys.has(keyOf(i))), ...incoming] : incoming).slice(-MAX_ITEMS);
    renderList();
    showNewest(false);
  }

  function onEvent(event) {
    if (event.type !== 'announcement') return;
    const item = normalize(event.data, event);
    const known = items.find((i) => keyOf(i) === keyOf(item));
    if (known) { // already in a resumed snapshot
      known.seq ??= item.seq;
      return renderList();
    }
    items = [...items, item].slice(-MAX_ITEMS);
    renderList();
    showNewest(true);
  }

  const onDismiss = () => {
    try { localStorage.setItem(DISMISSED_KEY, banner.dataset.key); } catch { /* not remembered */ }
    hideBanner();
    $('home-main').focus();
  };
  const offLocale = onLocaleChange(() => {
    renderList();
    form?.render();
    if (banner.dataset.level) bannerLevel.textContent = levelText({ level: banner.dataset.level });
    const shown = items.find((i) => keyOf(i) === banner.dataset.key);
    if (!banner.hidden && shown && bannerText.textContent) fillText(bannerText, shown); // the marker, in the new language
  });
  $('announcement-dismiss').addEventListener('click', onDismiss);
  renderList();
  hideBanner();
  socket.subscribe('seminar', onEvent, onSnapshot).catch((error) => console.warn('seminar topic', error.code));

  return {
    setUser(user) {
      const organiser = user?.role === 'organiser';
      if (organiser && !form) form = mountForm(socket);
      if (!organiser && form) { form.remove(); form = null; }
    },
    unmount() {
      socket.unsubscribe('seminar');
      $('announcement-dismiss').removeEventListener('click', onDismiss);
      offLocale();
      form?.remove();
      form = null;
      items = [];
      renderList();
      hideBanner();
    },
  };
}
