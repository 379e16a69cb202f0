// Shared by the help panel, the welcome page and the agents' console: one line of a desk conversation,
// wait times, the desk's hours, and the only links a desk message may carry (client routes).
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { formatDateTime, formatTime } from '../time.js';
import { getSeminar } from '../seminar.js';
import { el } from '../dom.js';
import { badgeNode } from '../badge.js';

/** A client route from the server (`#/room/4`), or null: nothing else becomes a link. */
export function safeRoute(hash) {
  return typeof hash === 'string' && /^#\/[^\s<>"'`\\]*$/.test(hash) && hash.length <= 200 ? hash : null;
}

/** "about 4 min" for an estimated wait in milliseconds (at least 1 minute), or "" when unknown. */
export function formatWait(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '';
  return t('desk.wait.minutes', { minutes: Math.max(1, Math.round(ms / 60000)) });
}

/** "3 min 20 s" style duration for statistics, or "—". */
export function formatDuration(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return t('desk.duration.seconds', { seconds });
  return t('desk.duration.minutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

/** The desk's hours ("09:00–18:00") in the event's zone, as the server gives them. */
export function deskHours(desk) {
  if (!desk) return '';
  const zone = desk.timeZone || getSeminar()?.timeZone || '';
  return t('desk.hours', { opens: desk.opens ?? '', closes: desk.closes ?? '', zone });
}

/** A short "10:02" `<time>` for chat lines. */
export function shortTime(iso) {
  const date = new Date(iso);
  const node = el('time', { className: 'desk-msg-time' });
  if (Number.isNaN(date.getTime())) return node;
  node.dateTime = iso;
  node.textContent = formatTime(iso);
  node.title = formatDateTime(iso);
  return node;
}

const PAGE_NAMES = { '#/hub': 'area.hub', '#/sessions': 'area.sessions', '#/lounge': 'area.lounge', '#/agenda': 'area.agenda',
  '#/desk': 'area.desk', '#/': 'nav.home' };

/** A link's title; a page sent by its route alone gets the page's name in the reader's language. */
function linkTitle(link, hash) {
  const title = String(link.title || '');
  if ((!title || title === hash) && PAGE_NAMES[hash]) return t(PAGE_NAMES[hash]);
  return title || hash;
}

/**
 * One line of a ticket's conversation. `me` is the viewer's id; `onFollow(hash)` runs when the viewer
 * follows a "take me there" link (after the browser has moved to it).
 */
export function renderDeskMessage(message, { me, onFollow } = {}) {
  const mine = message.author?.id === me;
  const who = mine ? t('desk.msg.you') : String(message.author?.displayName ?? '');
  const item = el('li', { className: `desk-msg ${mine ? 'desk-msg-mine' : 'desk-msg-theirs'}`, dataset: { id: String(message.id ?? '') } },
    el('p', { className: 'desk-msg-meta' }, el('span', { className: 'desk-msg-author', textContent: who }), mine ? '' : badgeNode(message.author),
      ' · ', shortTime(message.at)));
  const hash = safeRoute(message.link?.hash);
  const title = hash ? linkTitle(message.link, hash) : '';
  // A link sent without words carries its title as the text: say it once.
  if (message.text && !(hash && [title, message.link.title].includes(message.text))) {
    item.append(el('p', { className: 'desk-msg-text', textContent: String(message.text) }));
  }
  if (hash) {
    const link = el('a', { className: 'desk-link', href: hash },
      el('span', { className: 'desk-link-label', textContent: t('desk.link.takeMe') }), ' ',
      el('span', { className: 'desk-link-title', textContent: title }));
    link.addEventListener('click', () => onFollow?.(hash));
    item.append(el('p', { className: 'desk-msg-link' }, link));
  }
  return item;
}

/** The transcript, oldest first, without duplicates; the ticket's own text first unless a message repeats it. */
export function transcriptItems(ticket, messages) {
  const seen = new Set();
  const list = [];
  for (const m of messages) {
    const key = String(m.id);
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(m);
  }
  list.sort((a, b) => (String(a.at) < String(b.at) ? -1 : String(a.at) > String(b.at) ? 1 : Number(a.id) - Number(b.id)));
  if (ticket?.text && !(list[0] && list[0].author?.id === ticket.asker?.id && list[0].text === ticket.text)) {
    list.unshift({ id: `ticket-${ticket.id}`, ticketId: ticket.id, author: ticket.asker, text: ticket.text, link: null, at: ticket.createdAt });
  }
  return list;
}

/** "#/room/12" → 12 (the room the person is in), else undefined. */
export function roomIdFromHash(hash = location.hash) {
  const match = /^#\/room\/(\d+)(?:[/?]|$)/.exec(hash);
  return match ? Number(match[1]) : undefined;
}

/** A desk error in words: `desk.error.<code>.<field>`, `desk.error.<code>`, else the general sentence. */
export function deskErrorText(error) {
  const code = error?.code || 'internal';
  for (const key of [error?.field ? `desk.error.${code}.${error.field}` : null, `desk.error.${code}`]) {
    if (key && t(key) !== key) return t(key);
  }
  return errorMessage(error);
}
