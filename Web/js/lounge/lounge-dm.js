// Direct messages: the list of conversations with unread badges (`#/lounge/messages`) and one conversation
// (`#/lounge/messages/<userId>`): history paged backwards (dm.history before), sending (dm.send), marking read
// (dm.read) while it is on screen, and new messages live from the person's `user:` topic.
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';
import { badgeNode } from '../badge.js';
import { whenText } from './lounge-common.js';

/** The conversations page: every conversation, the latest first (dm.conversations), with its last message and
 * unread badge; redrawn when a message arrives or the unread counts change. */
export function conversationsPage(ctx, container) {
  const list = el('ul', { id: 'conversations', className: 'conversation-list' });
  const note = statusLine('note');
  let destroyed = false;
  let asked = 0;

  async function render() {
    const mine = ++asked;
    let conversations;
    try {
      conversations = (await ctx.socket.request('dm.conversations')).conversations ?? [];
    } catch (error) {
      if (!destroyed && mine === asked) note.textContent = errorMessage(error);
      return;
    }
    if (destroyed || mine !== asked) return;
    const unread = ctx.live.unread;
    list.replaceChildren(...conversations.map((row) => {
      const count = Number(unread[row.with.id] ?? row.unread ?? 0);
      const link = el('a', { href: `#/lounge/messages/${row.with.id}`, className: 'conversation-link', textContent: row.with.displayName });
      const last = el('p', { className: 'hint conversation-last', textContent: `${whenText(row.lastAt)} · ${row.lastText}` });
      const item = el('li', { dataset: { userId: row.with.id } }, link, last);
      if (count) {
        const badge = el('span', { className: 'count-badge unread-badge', textContent: String(count) });
        badge.setAttribute('aria-label', t('dm.unreadCount', { count }));
        item.append(badge);
      }
      return item;
    }));
    note.textContent = conversations.length ? '' : t('dm.noConversations');
  }

  container.replaceChildren(el('section', { className: 'lounge-block' },
    el('h2', { textContent: t('dm.conversations') }), el('p', { className: 'hint', textContent: t('dm.startHint') }), note, list));
  const off = ctx.live.on((event) => {
    if (event.type === 'unread') render();
    if (event.type === 'dm.message') render();
  });
  render();
  return { destroy() { destroyed = true; off(); } };
}

/** One conversation. Returns `{ destroy }`. */
export function conversationPage(ctx, container, otherId) {
  const titleId = 'dm-title';
  const heading = el('h2', { id: titleId, tabIndex: -1, textContent: t('dm.title', { name: '…' }) });
  const log = el('ol', { id: 'dm-messages', className: 'dm-messages' });
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-labelledby', titleId);
  const older = el('button', { type: 'button', id: 'dm-older', className: 'subtle', hidden: true, textContent: t('dm.older') });
  const status = statusLine('note');
  const alert = statusLine('error', 'alert');
  const text = el('textarea', { id: 'dm-text', name: 'text', rows: 2, maxLength: 2000, required: true });
  const send = el('button', { type: 'submit', className: 'primary', id: 'dm-send', textContent: t('dm.send') });
  text.setAttribute('aria-label', t('dm.yourMessage')); // the Send button beside it says what the box is for
  const form = el('form', { id: 'dm-form', className: 'dm-form', noValidate: true }, text, send);
  const messages = new Map(); // id → message
  let other = null;
  let destroyed = false;

  const byMe = (m) => m.from?.id === ctx.user.id;
  function item(message) {
    const time = el('time', { dateTime: message.at ?? '', textContent: whenText(message.at) });
    return el('li', { className: `dm ${byMe(message) ? 'mine' : 'theirs'}`, dataset: { id: message.id } },
      el('p', { className: 'dm-meta' }, el('span', { className: 'dm-author', textContent: byMe(message) ? t('dm.you') : message.from?.displayName ?? '' }),
        byMe(message) ? '' : badgeNode(message.from), ' · ', time),
      el('p', { className: 'dm-text', textContent: message.text }));
  }
  function render({ stick = true } = {}) {
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.replaceChildren(...[...messages.values()].sort((a, b) => a.id - b.id).map(item));
    if (stick && atBottom) log.scrollTop = log.scrollHeight;
    status.textContent = messages.size ? '' : t('dm.empty');
  }
  const add = (list) => { for (const m of list) messages.set(m.id, m); };
  /** A new message: appended (so that the live region reads only it), or a full redraw when out of order. */
  function addOne(message) {
    if (messages.has(message.id)) return;
    const newest = messages.size === 0 || message.id > Math.max(...messages.keys());
    messages.set(message.id, message);
    if (!newest) { render(); return; }
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(item(message));
    status.textContent = '';
    if (atBottom || byMe(message)) log.scrollTop = log.scrollHeight;
  }

  async function loadOlder() {
    const first = Math.min(...messages.keys());
    log.setAttribute('aria-busy', 'true'); // older messages are not news: do not read them out
    try {
      const reply = await ctx.socket.request('dm.history', { with: otherId, before: first });
      add(reply.messages ?? []);
      older.hidden = !reply.more;
      render({ stick: false });
    } catch (error) { alert.textContent = errorMessage(error); } finally { log.removeAttribute('aria-busy'); }
  }

  function markRead() {
    if (document.visibilityState !== 'visible') return;
    ctx.socket.request('dm.read', { with: otherId }).then((reply) => ctx.live.setUnread(reply.counts), () => {});
  }
  const onVisible = () => { if (document.visibilityState === 'visible') markRead(); };

  older.addEventListener('click', loadOlder);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value || send.disabled) { if (!value) text.focus(); return; }
    send.disabled = true;
    alert.textContent = '';
    try {
      const reply = await ctx.socket.request('dm.send', { to: otherId, text: value });
      text.value = '';
      addOne({ id: reply.id, from: { id: ctx.user.id, displayName: ctx.user.displayName }, to: { id: otherId, displayName: other?.displayName }, text: value, at: new Date().toISOString() });
    } catch (error) {
      alert.textContent = error.code === 'forbidden' ? t('dm.error.forbidden') : errorMessage(error);
    } finally {
      send.disabled = false;
      text.focus();
    }
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });

  container.replaceChildren(el('section', { className: 'lounge-block dm-panel' },
    el('p', { className: 'back' }, el('a', { href: '#/lounge/messages', textContent: `← ${t('dm.allConversations')}` })),
    heading, older, status, log, alert, form));

  const off = ctx.live.on((event) => {
    if (event.type !== 'dm.message') return;
    const m = event.data ?? {};
    if (m.from?.id !== otherId && m.to?.id !== otherId) return;
    addOne(m);
  });
  ctx.live.activeConversation = otherId;
  document.addEventListener('visibilitychange', onVisible);

  Promise.all([
    ctx.socket.request('profile.get', { userId: otherId }).catch(() => null),
    ctx.socket.request('dm.history', { with: otherId }),
  ]).then(([person, history]) => {
    if (destroyed) return;
    other = person;
    const name = person?.displayName ?? history.messages?.find((m) => m.from?.id === otherId)?.from?.displayName ?? '';
    heading.textContent = t('dm.title', { name });
    add(history.messages ?? []);
    older.hidden = !history.more;
    render();
    log.scrollTop = log.scrollHeight;
    markRead();
  }, (error) => {
    if (!destroyed) alert.textContent = error.code === 'forbidden' ? t('dm.error.forbidden') : errorMessage(error);
  });
  heading.focus();
  return {
    destroy() {
      destroyed = true;
      off();
      document.removeEventListener('visibilitychange', onVisible);
      if (ctx.live.activeConversation === otherId) ctx.live.activeConversation = null;
    },
  };
}
