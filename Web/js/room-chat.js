// A room's chat: the latest messages from the snapshot, older ones paged backwards (chat.history), new ones
// read out politely, replies, deleting one's own, the pinned message, and the hosts' pin/delete/mute/remove
// (behind one menu per message). The list follows new messages unless the reader scrolled up: then a
// "new messages" button takes them down. http(s) addresses are links; a draft stays with its room.
import { t } from './i18n.js';
import { attrs, el } from './dom.js';
import { badgeNode, nameWithBadge } from './badge.js';
import { formatClock, formatDateTime } from './time.js';
import { keepFocus } from './program-text.js';
import { menuButton } from './menu-button.js';
import { textWithLinks } from './text-links.js';
import { roomDrafts } from './room-drafts.js';

const PAGE = 50;
const excerpt = (text, n = 80) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function createChat(ctx) {
  let messages = [];   // oldest first
  let more = false;
  let replyTo = null;
  let loadingOlder = false;
  const heading = el('h2', { id: 'chat-title' });
  const pinnedBox = el('div', { className: 'pinned' });
  const olderButton = el('button', { type: 'button', className: 'link-button', id: 'chat-older' });
  // Focusable: a list that scrolls must be reachable from the keyboard.
  const list = attrs(el('ol', { className: 'chat-list', id: 'chat-list', tabIndex: 0 }), { 'aria-labelledby': 'chat-title' });
  const newButton = el('button', { type: 'button', className: 'chat-new', id: 'chat-new', hidden: true });
  let following = true; // the list shows its newest message: new ones keep it there
  let unseen = 0;
  // New messages are read out from here, one at a time: the list itself is re-drawn on snapshots and
  // state changes, and a live list would then read the whole history again.
  const announcer = attrs(el('p', { className: 'visually-hidden', id: 'chat-announcer' }), { 'aria-live': 'polite' });
  const input = el('textarea', { id: 'chat-input', rows: 2, maxLength: 2000 });
  const inputLabel = el('label', { htmlFor: 'chat-input' });
  const replyLine = el('p', { className: 'replying' });
  const closedNote = el('p', { className: 'note', id: 'chat-closed' });
  const error = attrs(el('p', { className: 'error', id: 'chat-error' }), { role: 'alert' });
  const send = el('button', { type: 'submit', className: 'primary', id: 'chat-send' });
  const form = el('form', { className: 'chat-form', noValidate: true }, closedNote, replyLine, el('div', { className: 'field' }, inputLabel, input), error, send);
  const node = el('section', { className: 'card room-chat' }, heading, pinnedBox, olderButton,
    el('div', { className: 'chat-scroll' }, list, newButton), announcer, form);
  node.setAttribute('aria-labelledby', 'chat-title');
  const draft = roomDrafts(input, () => ctx.roomId);

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

  const byId = (id) => messages.find((m) => m.id === id);
  const mine = (m) => m.author?.id === ctx.me?.id;

  async function hostAction(type, data, confirmKey) {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    try { await ctx.socket.request(type, { roomId: ctx.roomId, ...data }); } catch (e) { ctx.showAlert(ctx.roomError(e)); }
  }

  function messageItem(m) {
    // Today's lines say only the reader's time ("14:05"), the full date and the seminar's time in a tooltip: the
    // line stays short, so that more messages fit in view.
    const today = m.at && new Date(m.at).toDateString() === new Date().toDateString();
    const time = el('time', { textContent: today ? formatClock(m.at) : formatDateTime(m.at), title: formatDateTime(m.at) });
    if (m.at) time.dateTime = m.at;
    const parts = [el('p', { className: 'chat-meta' }, el('strong', { textContent: m.author?.displayName || '', title: m.author?.displayName || '' }), badgeNode(m.author), ' · ', time)];
    if (m.replyTo != null) {
      const original = byId(m.replyTo);
      parts.push(el('p', { className: 'chat-reply-to', textContent: original
        ? t('room.chat.inReplyTo', { name: original.author?.displayName || '', text: excerpt(original.text) })
        : t('room.chat.inReplyToOld') }));
    }
    parts.push(el('p', { className: 'chat-text' }, ...textWithLinks(m.text)));
    const actions = el('div', { className: 'chat-actions' });
    const who = m.author?.displayName || '';
    if (ctx.canTalk()) {
      const reply = el('button', { type: 'button', id: `chat-reply-${m.id}`, className: 'small reply', textContent: t('room.chat.reply') });
      reply.setAttribute('aria-label', t('room.chat.replyTo', { name: who }));
      reply.addEventListener('click', () => { replyTo = m; renderForm(); input.focus(); });
      actions.append(reply);
    }
    const items = [];
    const item = (text, label, run, className) => items.push({ text, label, run, className, id: `chat-${className}-${m.id}` });
    if (mine(m) || ctx.isHost()) item(t('room.chat.delete'), t('room.chat.deleteFrom', { name: who }), () => hostAction('chat.delete', { messageId: m.id }, 'room.chat.confirmDelete'), 'delete');
    if (ctx.isHost()) {
      const pinned = ctx.state.room.pinnedMessageId === m.id;
      item(pinned ? t('room.host.unpin') : t('room.host.pin'), pinned ? t('room.host.unpin') : t('room.host.pinFrom', { name: who }),
        () => hostAction('room.pin', { messageId: pinned ? null : m.id }), 'pin');
      if (!mine(m) && m.author?.id != null) {
        item(t('room.host.mute'), t('room.host.muteWho', { name: who, minutes: ctx.muteMinutes?.() ?? 10 }),
          () => hostAction('room.mute', { userId: m.author.id, minutes: ctx.muteMinutes?.() ?? 10 }), 'mute');
        item(t('room.host.remove'), t('room.host.removeWho', { name: who }),
          () => hostAction('room.remove', { userId: m.author.id }, 'room.host.confirmRemove'), 'remove');
      }
    }
    if (items.length) actions.append(menuButton({ id: `chat-menu-${m.id}`, label: t('room.chat.actionsFor', { name: who }), items }));
    if (actions.childElementCount) parts.push(actions);
    const li = el('li', { className: `chat-message${mine(m) ? ' mine' : ''}`, dataset: { id: m.id } }, ...parts);
    return li;
  }

  function renderPinned() {
    const id = ctx.state?.room?.pinnedMessageId;
    const m = id != null ? byId(id) : null;
    pinnedBox.replaceChildren(...(id == null ? [] : [el('p', { className: 'pinned-label', textContent: `📌 ${t('room.chat.pinned')}` }),
      m ? el('p', { className: 'pinned-text' }, el('strong', { textContent: m.author?.displayName || '' }), badgeNode(m.author), ': ', ...textWithLinks(m.text))
        : el('p', { className: 'note', textContent: t('room.chat.pinnedOlder') })]));
  }

  function renderForm() {
    inputLabel.textContent = t('room.chat.label');
    send.textContent = t('room.chat.send');
    const open = ctx.canTalk();
    input.disabled = !open;
    send.disabled = !open;
    closedNote.textContent = open ? '' : t('room.error.notOpen');
    if (!open) input.setAttribute('aria-describedby', 'chat-closed'); else input.removeAttribute('aria-describedby');
    replyLine.replaceChildren();
    if (replyTo) {
      const cancel = el('button', { type: 'button', className: 'small', textContent: t('room.chat.cancelReply') });
      cancel.addEventListener('click', () => { replyTo = null; renderForm(); input.focus(); });
      replyLine.append(t('room.chat.replyingTo', { name: replyTo.author?.displayName || '', text: excerpt(replyTo.text, 40) }), ' ', cancel);
    }
  }

  function render() {
    heading.textContent = t('room.chat.title');
    olderButton.textContent = t('room.chat.older');
    olderButton.hidden = !more;
    const top = list.scrollTop;
    keepFocus(list, () => {
      list.replaceChildren(...messages.map(messageItem));
      if (!messages.length) list.append(el('li', { className: 'note empty', textContent: t('room.chat.empty') }));
    });
    if (following) toBottom(); else list.scrollTop = top;
    renderPinned();
    renderForm();
  }

  olderButton.addEventListener('click', async () => {
    if (loadingOlder || !messages.length) return;
    loadingOlder = true;
    olderButton.disabled = true;
    try {
      const reply = await ctx.socket.request('chat.history', { roomId: ctx.roomId, before: messages[0].id });
      const known = new Set(messages.map((m) => m.id));
      messages = [...(reply.messages || []).filter((m) => !known.has(m.id)), ...messages];
      more = Boolean(reply.more);
      const fromEnd = list.scrollHeight - list.scrollTop; // the reader keeps their place above the new old ones
      following = false;
      render();
      list.scrollTop = list.scrollHeight - fromEnd;
      olderButton.focus();
    } catch (e) {
      ctx.showAlert(ctx.roomError(e));
    } finally {
      loadingOlder = false;
      olderButton.disabled = false;
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || send.disabled) return;
    send.disabled = true;
    error.textContent = '';
    const room = ctx.roomId;
    try {
      const data = { roomId: room, text };
      if (replyTo) data.replyTo = replyTo.id;
      await ctx.socket.request('chat.send', data);
      draft.sent(room);
      replyTo = null;
      renderForm();
      input.focus();
    } catch (e) {
      error.textContent = ctx.roomError(e, 'chat');
    } finally {
      send.disabled = !ctx.canTalk();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
  });

  return {
    node,
    render,
    reset() { messages = []; more = false; replyTo = null; error.textContent = ''; following = true; draft.restore(); },
    setSnapshot(chat, resumed) {
      const incoming = new Map(chat.map((m) => [m.id, m]));
      messages = resumed ? [...messages.filter((m) => !incoming.has(m.id)), ...chat].sort((a, b) => a.id - b.id) : chat.slice();
      if (!resumed) more = chat.length >= PAGE;
    },
    onEvent(event) {
      if (event.type === 'chat.message') {
        const m = event.data;
        if (!m || byId(m.id)) return true;
        messages.push(m);
        const empty = list.querySelector('.empty');
        if (empty) empty.remove();
        // Read from the list itself: a scroll the reader just made may not have been reported yet.
        const follow = mine(m) || (list.clientHeight ? atBottom() : following);
        list.append(messageItem(m));
        if (follow) toBottom();
        else {
          unseen += 1;
          newButton.textContent = `${t('room.chat.newMessages', { count: unseen })} ↓`;
          newButton.hidden = false;
        }
        if (!mine(m)) announcer.textContent = t('room.chat.announce', { name: nameWithBadge(m.author), text: excerpt(m.text, 300) });
        if (m.id === ctx.state?.room?.pinnedMessageId) renderPinned();
        return true;
      }
      if (event.type === 'chat.deleted') {
        messages = messages.filter((m) => m.id !== event.data?.id);
        list.querySelector(`[data-id="${Number(event.data?.id)}"]`)?.remove();
        if (!messages.length) render();
        if (replyTo?.id === event.data?.id) { replyTo = null; renderForm(); }
        renderPinned();
        return true;
      }
      return false;
    },
  };
}
