// A session room's chat: the one chat (chat.js) with what a room adds: older messages paged backwards
// (chat.history), replies, deleting one's own, the pinned message, and the hosts' pin/delete/mute/remove (behind
// one menu per message).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { badgeNode } from '../badge.js';
import { menuButton } from '../menu-button.js';
import { textWithLinks } from '../chat/text-links.js';
import { createChat, excerpt } from '../chat/chat.js';

export function createRoomChat(ctx) {
  let replyTo = null;
  let loadingOlder = false;
  const pinnedBox = el('div', { className: 'pinned' });
  const olderButton = el('button', { type: 'button', className: 'link-button', id: 'chat-older' });
  const replyLine = el('p', { className: 'replying' });
  const mine = (m) => m.author?.id === ctx.me?.id;

  async function hostAction(type, data, confirmKey) {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    try { await ctx.socket.request(type, { roomId: ctx.roomId, ...data }); } catch (e) { ctx.showAlert(ctx.roomError(e)); }
  }

  function replyToLine(m) {
    if (m.replyTo == null) return [];
    const original = chat.messages.byId(m.replyTo);
    return [el('p', { className: 'chat-reply-to', textContent: original
      ? t('room.chat.inReplyTo', { name: original.author?.displayName || '', text: excerpt(original.text) })
      : t('room.chat.inReplyToOld') })];
  }

  function actions(m) {
    const box = el('div', { className: 'chat-actions' });
    const who = m.author?.displayName || '';
    if (ctx.canTalk()) {
      const reply = el('button', { type: 'button', id: `chat-reply-${m.id}`, className: 'small reply', textContent: t('room.chat.reply') });
      reply.setAttribute('aria-label', t('room.chat.replyTo', { name: who }));
      reply.addEventListener('click', () => { replyTo = m; renderReply(); chat.input.focus(); });
      box.append(reply);
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
    if (items.length) box.append(menuButton({ id: `chat-menu-${m.id}`, label: t('room.chat.actionsFor', { name: who }), items }));
    return box.childElementCount ? [box] : [];
  }

  function renderPinned() {
    const id = ctx.state?.room?.pinnedMessageId;
    const m = id != null ? chat.messages.byId(id) : null;
    pinnedBox.replaceChildren(...(id == null ? [] : [el('p', { className: 'pinned-label', textContent: `📌 ${t('room.chat.pinned')}` }),
      m ? el('p', { className: 'pinned-text' }, el('strong', { textContent: m.author?.displayName || '' }), badgeNode(m.author), ': ', ...textWithLinks(m.text))
        : el('p', { className: 'note', textContent: t('room.chat.pinnedOlder') })]));
  }

  function renderReply() {
    replyLine.replaceChildren();
    if (!replyTo) return;
    const cancel = el('button', { type: 'button', className: 'small', textContent: t('room.chat.cancelReply') });
    cancel.addEventListener('click', () => { replyTo = null; renderReply(); chat.input.focus(); });
    replyLine.append(t('room.chat.replyingTo', { name: replyTo.author?.displayName || '', text: excerpt(replyTo.text, 40) }), ' ', cancel);
  }

  const chat = createChat({
    socket: ctx.socket,
    roomId: () => ctx.roomId,
    me: () => ctx.me,
    canTalk: () => ctx.canTalk(),
    className: 'room-chat',
    texts: {
      title: () => t('room.chat.title'),
      empty: () => t('room.chat.empty'),
      label: () => t('room.chat.label'),
      send: () => t('room.chat.send'),
      closed: () => t('room.error.notOpen'),
      sendError: (e) => ctx.roomError(e, 'chat'),
    },
    extras: {
      top: () => [pinnedBox, olderButton],
      formTop: () => [replyLine],
      before: replyToLine,
      after: actions,
      sendData: () => (replyTo ? { replyTo: replyTo.id } : {}),
      onSent() { replyTo = null; renderReply(); },
      onRender() {
        olderButton.textContent = t('room.chat.older');
        olderButton.hidden = !chat.messages.more;
        renderPinned();
        renderReply();
      },
      onChange(event) {
        if (event.type === 'chat.deleted' && replyTo?.id === event.data?.id) { replyTo = null; renderReply(); }
        if (event.type === 'chat.deleted' || event.data?.id === ctx.state?.room?.pinnedMessageId) renderPinned();
      },
    },
  });

  olderButton.addEventListener('click', async () => {
    const oldest = chat.messages.list[0];
    if (loadingOlder || !oldest) return;
    loadingOlder = true;
    olderButton.disabled = true;
    try {
      const reply = await ctx.socket.request('chat.history', { roomId: ctx.roomId, before: oldest.id });
      chat.prepend(reply.messages || [], reply.more);
      olderButton.focus();
    } catch (e) {
      ctx.showAlert(ctx.roomError(e));
    } finally {
      loadingOlder = false;
      olderButton.disabled = false;
    }
  });

  return {
    node: chat.node,
    render: chat.render,
    reset() { replyTo = null; chat.reset(); },
    setSnapshot: chat.setSnapshot,
    onEvent: chat.onEvent,
  };
}
