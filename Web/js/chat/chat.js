// One chat for every room: a session's room (room-chat.js adds replies, the pinned message, older pages and the
// hosts' tools) and a meeting's table (table.js). The list follows new messages unless the reader scrolled up: then
// a "new messages" button takes them down; new messages are read out politely; http(s) addresses are links; Enter
// sends (Shift+Enter: a new line); a draft stays with its room. The messages themselves are chat-messages.js.
import { t } from '../i18n.js';
import { attrs, el } from '../dom.js';
import { badgeNode, nameWithBadge } from '../badge.js';
import { formatClock, formatDateTime } from '../time.js';
import { keepFocus } from '../program-text.js';
import { textWithLinks } from './text-links.js';
import { roomDrafts } from '../room/room-drafts.js';
import { chatMessages } from './chat-messages.js';

export const excerpt = (text, n = 80) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * `texts`: the caller's words ({ title, empty, label, send, closed }: functions, and `sendError(error)`).
 * `ids`: element ids by part, each `<prefix>-<part>` unless given (title, list, input, send, form, error, closed,
 * announcer, new). `extras` (optional, all functions): `top()` and `formTop()` nodes, `before(m)` / `after(m)` nodes
 * around a message's text, `sendData()` fields added to chat.send, `onSent()`, `onRender()`, `onChange()` after a
 * message came or went.
 */
export function createChat({ socket, roomId, me, canTalk = () => true, texts, prefix = 'chat', ids = {}, className = '', hiddenLabel = false, extras = {} }) {
  const id = (part) => ids[part] ?? `${prefix}-${part}`;
  const messages = chatMessages();
  const heading = el('h2', { id: id('title') });
  // Focusable: a list that scrolls must be reachable from the keyboard.
  const list = attrs(el('ol', { className: 'chat-list', id: id('list'), tabIndex: 0 }), { 'aria-labelledby': heading.id });
  const newButton = el('button', { type: 'button', className: 'chat-new', id: id('new'), hidden: true });
  let following = true; // the list shows its newest message: new ones keep it there
  let unseen = 0;
  // New messages are read out from here, one at a time: the list itself is re-drawn on snapshots and
  // state changes, and a live list would then read the whole history again.
  const announcer = attrs(el('p', { className: 'visually-hidden', id: id('announcer') }), { 'aria-live': 'polite' });
  const input = el('textarea', { id: id('input'), rows: 2, maxLength: 2000 });
  // A box with no visible label is named by aria-label (a hidden <label> would not name it for everyone).
  const inputLabel = hiddenLabel ? null : el('label', { htmlFor: input.id });
  const closedNote = el('p', { className: 'note', id: id('closed') });
  const error = attrs(el('p', { className: 'error', id: id('error') }), { role: 'alert' });
  const send = el('button', { type: 'submit', className: 'primary', id: id('send') });
  const form = el('form', { className: 'chat-form', id: id('form'), noValidate: true },
    closedNote, ...(extras.formTop?.() ?? []), el('div', { className: 'field' }, ...(inputLabel ? [inputLabel] : []), input), error, send);
  const node = attrs(el('section', { className: `card ${className}` }, heading, ...(extras.top?.() ?? []),
    el('div', { className: 'chat-scroll' }, list, newButton), announcer, form), { 'aria-labelledby': heading.id });
  const draft = roomDrafts(input, roomId);

  const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  function toBottom() {
    list.scrollTop = list.scrollHeight;
    following = true;
    unseen = 0;
    newButton.hidden = true;
  }
  list.addEventListener('scroll', () => {
    following = atBottom();
    if (following) { unseen = 0; newButton.hidden = true; }
  });
  newButton.addEventListener('click', () => { toBottom(); list.focus(); });

  const mine = (m) => m.author?.id === me()?.id;

  function messageItem(m) {
    // Today's lines say only the reader's time ("14:05"), the full date and the seminar's time in a tooltip: the
    // line stays short, so that more messages fit in view.
    const today = m.at && new Date(m.at).toDateString() === new Date().toDateString();
    const time = el('time', { textContent: today ? formatClock(m.at) : formatDateTime(m.at), title: formatDateTime(m.at) });
    if (m.at) time.dateTime = m.at;
    const name = m.author?.displayName || '';
    return el('li', { className: `chat-message${mine(m) ? ' mine' : ''}`, dataset: { id: m.id } },
      el('p', { className: 'chat-meta' }, el('strong', { textContent: name, title: name }), badgeNode(m.author), ' · ', time),
      ...(extras.before?.(m) ?? []), el('p', { className: 'chat-text' }, ...textWithLinks(m.text)), ...(extras.after?.(m) ?? []));
  }

  function renderForm() {
    if (inputLabel) inputLabel.textContent = texts.label(); else input.setAttribute('aria-label', texts.label());
    send.textContent = texts.send();
    const open = canTalk();
    input.disabled = !open;
    send.disabled = !open;
    closedNote.textContent = open ? '' : texts.closed();
    if (!open) input.setAttribute('aria-describedby', closedNote.id); else input.removeAttribute('aria-describedby');
  }

  function render() {
    heading.textContent = texts.title();
    const top = list.scrollTop;
    keepFocus(list, () => {
      list.replaceChildren(...messages.list.map(messageItem));
      if (!messages.list.length) list.append(el('li', { className: 'note empty', textContent: texts.empty() }));
    });
    if (following) toBottom(); else list.scrollTop = top;
    renderForm();
    extras.onRender?.();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || send.disabled) return;
    send.disabled = true;
    error.textContent = '';
    const room = roomId();
    try {
      await socket.request('chat.send', { roomId: room, text, ...extras.sendData?.() });
      draft.sent(room);
      extras.onSent?.();
      renderForm();
      input.focus();
    } catch (e) {
      error.textContent = texts.sendError(e);
    } finally {
      send.disabled = !canTalk();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });

  function onMessage(m) {
    if (!messages.add(m)) return;
    list.querySelector('.empty')?.remove();
    // Read from the list itself: a scroll the reader just made may not have been reported yet.
    const follow = mine(m) || (list.clientHeight ? atBottom() : following);
    list.append(messageItem(m));
    if (follow) toBottom();
    else {
      unseen += 1;
      newButton.textContent = `${t('chat.newMessages', { count: unseen })} ↓`;
      newButton.hidden = false;
    }
    if (!mine(m)) announcer.textContent = t('chat.announce', { name: nameWithBadge(m.author), text: excerpt(m.text, 300) });
  }

  return {
    node,
    input,
    messages,
    render,
    renderForm,
    reset() { messages.clear(); error.textContent = ''; following = true; draft.restore(); },
    setSnapshot: (chat, resumed) => messages.setSnapshot(chat, resumed),
    /** Older messages (chat.history's reply) above the rest; the reader keeps their place. */
    prepend(older, more) {
      messages.prepend(older, more);
      const fromEnd = list.scrollHeight - list.scrollTop;
      following = false;
      render();
      list.scrollTop = list.scrollHeight - fromEnd;
    },
    /** chat.message and chat.deleted: true when the event was the chat's. */
    onEvent(event) {
      if (event.type === 'chat.message') onMessage(event.data);
      else if (event.type === 'chat.deleted') {
        messages.remove(event.data?.id);
        list.querySelector(`[data-id="${Number(event.data?.id)}"]`)?.remove();
        if (!messages.list.length) render();
      } else return false;
      extras.onChange?.(event);
      return true;
    },
  };
}
