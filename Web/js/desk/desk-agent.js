// The agents' console (#/desk/agent), for agents and organisers: the live queue (the `desk` topic),
// claiming a ticket, a chat per claimed ticket (replies arrive on the agent's `user:` topic), canned answers,
// "take me there" links (a room of the program, or a page of the app), release and resolve; desk
// statistics for organisers.
import { localized, t } from '../i18n.js';
import { announce, attrs, el, statusLine } from '../dom.js';
import { deskErrorText, formatDuration, renderDeskMessage, safeRoute, shortTime, transcriptItems } from './desk-shared.js';
import { avatarNode } from '../avatar.js';
import { agentQueue } from './agent-queue.js';

const QUEUE_REFRESH_MS = 30000;
const CANNED = ['desk.canned.hello', 'desk.canned.looking', 'desk.canned.link', 'desk.canned.reload', 'desk.canned.sound',
  'desk.canned.interpretation', 'desk.canned.more', 'desk.canned.bye'];
const PAGES = [['#/hub', 'area.hub'], ['#/sessions', 'area.sessions'], ['#/lounge', 'area.lounge'], ['#/agenda', 'area.agenda'],
  ['#/desk', 'area.desk'], ['#/', 'nav.home']];

/** Mounts into `box`. Returns `{ show, hide, setUser, unmount }`. */
export function mountAgentConsole({ box, socket, user }) {
  let me = user;
  const queue = agentQueue(); // agent-queue.js: the tickets, the one open, its messages, the unread counts
  let rooms = null;          // [{roomId, label, startsAt}] from program.get
  let stats = null;
  let notice = null;         // {error} or {key}
  let following = false;
  let userTopic = null;
  let refreshTimer = 0;
  let statsTimer = 0;
  let busy = false;
  const organiser = () => me?.role === 'organiser';

  // Static skeleton: the regions keep their nodes so that live regions and focus survive updates.
  const statsBox = attrs(el('section', { className: 'card desk-stats', id: 'desk-stats', hidden: true }), { 'aria-labelledby': 'desk-stats-title' });
  const queueTitle = el('h2', { id: 'desk-queue-title' });
  const online = el('p', { id: 'desk-online', className: 'note' });
  const noticeBox = statusLine('desk-notice', 'status', 'desk-notice');
  const waitingTitle = el('h3', { id: 'desk-waiting-title' });
  const waitingList = attrs(el('ol', { id: 'desk-waiting', className: 'ticket-list' }), { 'aria-labelledby': 'desk-waiting-title' });
  const waitingEmpty = el('p', { className: 'note', id: 'desk-waiting-empty' });
  const claimedTitle = el('h3', { id: 'desk-claimed-title' });
  const claimedList = attrs(el('ol', { id: 'desk-claimed', className: 'ticket-list' }), { 'aria-labelledby': 'desk-claimed-title' });
  const claimedEmpty = el('p', { className: 'note', id: 'desk-claimed-empty' });
  const announcer = attrs(el('p', { className: 'visually-hidden', id: 'desk-queue-announcer' }), { 'aria-live': 'polite' });
  const queueBox = attrs(el('section', { className: 'card desk-queue', id: 'desk-queue' }, queueTitle, online, noticeBox, announcer,
    waitingTitle, waitingEmpty, waitingList, claimedTitle, claimedEmpty, claimedList), { 'aria-labelledby': 'desk-queue-title' });

  const chatTitle = el('h2', { id: 'desk-chat-title', tabIndex: -1 });
  const chatMeta = el('p', { id: 'desk-chat-meta', className: 'note' });
  const chatLog = attrs(el('ol', { id: 'desk-chat-log', className: 'desk-log' }), { 'aria-live': 'polite' }); // a list, read out politely (role=log would hide the list)
  const cannedLabel = el('label', { htmlFor: 'desk-canned' });
  const canned = el('select', { id: 'desk-canned' });
  const replyLabel = el('label', { htmlFor: 'desk-reply' });
  const reply = el('textarea', { id: 'desk-reply', rows: 3, maxLength: 2000 });
  const send = el('button', { type: 'submit', className: 'primary', id: 'desk-send' });
  const replyForm = el('form', { id: 'desk-reply-form', className: 'desk-reply', noValidate: true },
    el('div', { className: 'field' }, cannedLabel, canned),
    el('div', { className: 'field' }, replyLabel, reply), el('p', { className: 'form-actions' }, send));
  const guideTitle = el('h3', { id: 'desk-guide-send-title' });
  const destLabel = el('label', { htmlFor: 'desk-destination' });
  const destination = el('select', { id: 'desk-destination' });
  const guideTextLabel = el('label', { htmlFor: 'desk-guide-text' });
  const guideText = el('input', { id: 'desk-guide-text', maxLength: 2000 });
  const guideSend = el('button', { type: 'submit', id: 'desk-guide-send' });
  const guideForm = attrs(el('form', { id: 'desk-guide-form', className: 'desk-guide-form', noValidate: true }, guideTitle,
    el('div', { className: 'field' }, destLabel, destination),
    el('div', { className: 'field' }, guideTextLabel, guideText), el('p', { className: 'form-actions' }, guideSend)), { 'aria-labelledby': 'desk-guide-send-title' });
  const release = el('button', { type: 'button', id: 'desk-release' });
  const resolve = el('button', { type: 'button', id: 'desk-resolve', className: 'primary' });
  const chatError = statusLine('error', 'alert', 'desk-chat-error');
  const chatEmpty = el('p', { className: 'note', id: 'desk-chat-empty' });
  const chatBody = el('div', { id: 'desk-chat-body' }, chatMeta, chatLog, chatError, replyForm, guideForm,
    el('p', { className: 'form-actions desk-chat-actions' }, release, resolve));
  const chatBox = attrs(el('section', { className: 'card desk-chat', id: 'desk-chat' }, chatTitle, chatEmpty, chatBody), { 'aria-labelledby': 'desk-chat-title' });
  box.replaceChildren(statsBox, el('div', { className: 'desk-console' }, queueBox, chatBox));

  const selected = () => queue.selected();
  const mine = (ticket) => ticket?.agent?.id === me?.id;
  const canWrite = (ticket) => ticket?.state === 'claimed' && (mine(ticket) || organiser());

  function showNotice(value) {
    if (value?.error && !value.error.code) console.error(value.error);
    notice = value;
    renderNotice();
  }
  function renderNotice() {
    noticeBox.textContent = notice?.error ? deskErrorText(notice.error) : notice?.key ? t(notice.key) : '';
    noticeBox.classList.toggle('error', Boolean(notice?.error));
  }

  function pageLabel(ticket) {
    const route = safeRoute(ticket.page);
    if (!route) return null;
    return el('a', { href: route, className: 'ticket-page', textContent: route });
  }

  function ticketCard(ticket) {
    const item = el('li', { className: `ticket ticket-${ticket.state}`, dataset: { id: String(ticket.id) } });
    if (ticket.id === queue.selectedId) item.classList.add('is-selected');
    const head = el('p', { className: 'ticket-head' }, avatarNode(ticket.asker, { size: 32 }), ' ',
      el('strong', { className: 'ticket-asker', textContent: String(ticket.asker?.displayName ?? '') }),
      ' · ', shortTime(ticket.createdAt));
    if (ticket.state === 'waiting' && typeof ticket.position === 'number') head.prepend(el('span', { className: 'ticket-position', textContent: `#${ticket.position}` }), ' ');
    item.append(head, el('p', { className: 'ticket-text', textContent: String(ticket.text ?? '') }));
    const where = pageLabel(ticket);
    if (where) item.append(el('p', { className: 'ticket-where' }, t('desk.ticket.from'), ' ', where));
    const actions = el('p', { className: 'ticket-actions' });
    if (ticket.state === 'waiting') {
      const claim = el('button', { type: 'button', className: 'primary ticket-claim', textContent: t('desk.claim') });
      claim.setAttribute('aria-label', t('desk.claimFrom', { name: ticket.asker?.displayName ?? '' }));
      claim.addEventListener('click', () => onClaim(ticket.id));
      actions.append(claim);
    } else {
      item.append(el('p', { className: 'ticket-agent', textContent: mine(ticket) ? t('desk.ticket.yours') : t('desk.ticket.with', { name: ticket.agent?.displayName ?? '' }) }));
      if (mine(ticket) || organiser()) {
        const open = el('button', { type: 'button', className: 'ticket-open', textContent: t('desk.open') });
        open.setAttribute('aria-label', t('desk.openFrom', { name: ticket.asker?.displayName ?? '' }));
        const unread = queue.unread.get(ticket.id) || 0;
        if (unread) open.append(' ', el('span', { className: 'help-badge', textContent: String(unread) }));
        open.addEventListener('click', () => select(ticket.id, { focus: true }));
        actions.append(open);
      }
    }
    item.append(actions);
    return item;
  }

  function renderQueue() {
    queueTitle.textContent = t('desk.queue.title');
    online.textContent = queue.agentsOnline == null ? '' : t('desk.queue.online', { count: queue.agentsOnline });
    waitingTitle.textContent = t('desk.queue.waiting', { count: queue.waiting.size });
    claimedTitle.textContent = t('desk.queue.claimed', { count: queue.claimed.size });
    waitingEmpty.textContent = t('desk.queue.waitingEmpty');
    waitingEmpty.hidden = queue.waiting.size > 0;
    claimedEmpty.textContent = t('desk.queue.claimedEmpty');
    claimedEmpty.hidden = queue.claimed.size > 0;
    // Keep the keyboard focus on the same control of the same ticket across the re-render.
    const focusedId = document.activeElement?.closest?.('.ticket')?.dataset.id;
    const focusedClass = [...(document.activeElement?.classList ?? [])].pop();
    waitingList.replaceChildren(...queue.sortedWaiting().map(ticketCard));
    claimedList.replaceChildren(...queue.sortedClaimed(mine).map(ticketCard));
    if (focusedId && focusedClass) box.querySelector(`.ticket[data-id="${CSS.escape(focusedId)}"] .${CSS.escape(focusedClass)}`)?.focus();
    renderNotice();
  }

  function fillCanned() {
    canned.replaceChildren(el('option', { value: '', textContent: t('desk.canned.pick') }),
      ...CANNED.map((key) => el('option', { value: key, textContent: t(key, { name: me?.displayName ?? '' }) })));
  }

  function fillDestinations() {
    const keep = destination.value;
    const pages = el('optgroup', { label: t('desk.dest.pages') },
      ...PAGES.map(([hash, key]) => el('option', { value: `hash:${hash}`, textContent: t(key) })));
    const groups = [el('option', { value: '', textContent: t('desk.dest.pick') })];
    if (rooms?.length) groups.push(el('optgroup', { label: t('desk.dest.rooms') },
      ...rooms.map((r) => el('option', { value: `room:${r.roomId}`, textContent: r.label }))));
    groups.push(pages);
    destination.replaceChildren(...groups);
    if ([...destination.options].some((o) => o.value === keep)) destination.value = keep;
  }

  function renderChat() {
    const ticket = selected();
    chatEmpty.textContent = t('desk.chat.empty');
    chatEmpty.hidden = Boolean(ticket);
    chatBody.hidden = !ticket;
    chatTitle.textContent = ticket ? t('desk.chat.title', { name: ticket.asker?.displayName ?? '' }) : t('desk.chat.none');
    if (!ticket) { chatLog.replaceChildren(); return; }
    const where = pageLabel(ticket);
    chatMeta.replaceChildren(t(`desk.state.${ticket.state}`), ...(where ? [' · ', t('desk.ticket.from'), ' ', where] : []));
    const items = transcriptItems(ticket, queue.transcript);
    const have = new Set([...chatLog.children].map((li) => li.dataset.id));
    const wanted = new Set(items.map((m) => String(m.id)));
    if ([...have].some((id) => !wanted.has(id))) chatLog.replaceChildren();
    const present = new Set([...chatLog.children].map((li) => li.dataset.id));
    let added = false;
    for (const m of items) {
      if (present.has(String(m.id))) continue;
      chatLog.append(renderDeskMessage(m, { me: me?.id }));
      added = true;
    }
    if (added) chatLog.scrollTop = chatLog.scrollHeight;
    const writable = canWrite(ticket);
    replyForm.hidden = !writable;
    guideForm.hidden = !writable;
    release.hidden = !writable;
    resolve.hidden = !writable;
    cannedLabel.textContent = t('desk.canned.label');
    replyLabel.textContent = t('desk.reply.label');
    send.textContent = t('desk.reply.send');
    guideTitle.textContent = t('desk.dest.title');
    destLabel.textContent = t('desk.dest.label');
    guideTextLabel.textContent = t('desk.dest.text');
    guideSend.textContent = t('desk.dest.send');
    release.textContent = t('desk.release');
    resolve.textContent = t('desk.resolve');
    for (const b of [send, guideSend, release, resolve]) b.disabled = busy;
  }

  function render() {
    renderQueue();
    renderChat();
    renderStats();
  }

  function renderStats() {
    statsBox.hidden = !organiser();
    if (!organiser()) return;
    const title = el('h2', { id: 'desk-stats-title', textContent: t('desk.stats.title') });
    const refresh = el('button', { type: 'button', id: 'desk-stats-refresh', textContent: t('desk.stats.refresh') });
    refresh.addEventListener('click', () => loadStats());
    if (!stats) { statsBox.replaceChildren(title, el('p', { className: 'note', textContent: t('app.loading') }), refresh); return; }
    const tile = (key, value) => el('div', { className: 'stat' }, el('dt', { textContent: t(key) }), el('dd', { textContent: String(value) }));
    const tiles = el('dl', { className: 'stat-tiles' },
      tile('desk.stats.open', stats.open ?? 0), tile('desk.stats.waiting', stats.waiting ?? 0), tile('desk.stats.claimed', stats.claimed ?? 0),
      tile('desk.stats.resolvedToday', stats.resolvedToday ?? 0), tile('desk.stats.medianWait', formatDuration(stats.medianWaitMs)),
      tile('desk.stats.medianHandling', formatDuration(stats.medianHandlingMs)));
    const agents = Array.isArray(stats.agents) ? stats.agents : [];
    const table = agents.length ? el('table', { className: 'desk-stats-table' },
      el('caption', { textContent: t('desk.stats.agents') }),
      el('thead', {}, el('tr', {}, ...['desk.stats.agent', 'desk.stats.handled', 'desk.stats.agentOpen', 'desk.stats.medianHandling']
        .map((key) => attrs(el('th', { textContent: t(key) }), { 'scope': 'col' })))),
      el('tbody', {}, ...agents.map((a) => el('tr', {}, attrs(el('th', { textContent: String(a.agent?.displayName ?? '') }), { 'scope': 'row' }),
        el('td', { textContent: String(a.handled ?? 0) }), el('td', { textContent: String(a.open ?? 0) }),
        el('td', { textContent: formatDuration(a.medianHandlingMs) })))))
      : el('p', { className: 'note', textContent: t('desk.stats.noAgents') });
    statsBox.replaceChildren(title, tiles, agents.length ? el('div', { className: 'table-scroll' }, table) : table, refresh);
  }

  async function loadStats() {
    if (!organiser()) return;
    try {
      stats = await socket.request('desk.stats', {}, { retry: false });
      renderStats();
    } catch (error) { showNotice({ error }); }
  }
  function statsSoon() {
    if (!organiser() || statsTimer) return;
    statsTimer = setTimeout(() => { statsTimer = 0; loadStats(); }, 2000);
  }

  async function loadRooms() {
    if (rooms) return;
    try {
      const program = await socket.request('program.get', {}, { retry: false });
      const byRoom = new Map();
      for (const s of (program.sessions ?? []).slice().sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)))) {
        if (s.roomId == null) continue;
        const live = s.state === 'live' || s.state === 'open';
        const label = `${localized(s.title)}${s.room ? ` — ${s.room}` : ''}${live ? ` (${t('desk.dest.live')})` : ''}`;
        if (!byRoom.has(s.roomId) || live) byRoom.set(s.roomId, { roomId: s.roomId, label, live });
      }
      rooms = [...byRoom.values()].sort((a, b) => Number(b.live) - Number(a.live));
    } catch { rooms = []; }
    fillDestinations();
  }

  function onQueueSnapshot(snapshot) {
    queue.setQueue(snapshot);
    render();
    if (queue.selectedId != null) loadTranscript(queue.selectedId);
    // Unread counts are the agent's, kept by the server: the same on every device, after a reload too.
    for (const ticket of queue.claimed.values()) {
      if (!mine(ticket) || ticket.id === queue.selectedId) continue;
      socket.request('desk.ticket', { ticketId: ticket.id }, { retry: false }).then((reply) => {
        queue.setUnread(ticket.id, ticket.id !== queue.selectedId ? reply.unread : 0);
        renderQueue();
      }, () => {});
    }
    statsSoon();
  }

  /** The agent has read the ticket's conversation up to its last message (on every device). */
  function markRead(ticketId) {
    queue.unread.delete(ticketId);
    const upTo = queue.transcript.at(-1)?.id;
    if (upTo) socket.request('desk.read', { ticketId, upTo }).catch(() => {});
  }

  function onQueueEvent(event) {
    if (event.type !== 'ticket.updated') return;
    const ticket = event.data?.ticket;
    if (!ticket) return;
    const wasWaiting = queue.waiting.has(ticket.id);
    const known = wasWaiting || queue.claimed.has(ticket.id);
    queue.upsert(ticket);
    if (ticket.state === 'waiting' && !wasWaiting) {
      say(t('desk.queue.arrived', { name: ticket.asker?.displayName ?? '' }));
    }
    if (ticket.id === queue.selectedId && ticket.state === 'resolved' && known) {
      showNotice({ key: 'desk.notice.resolved' });
      queue.close();
    }
    if (ticket.id === queue.selectedId && ticket.state === 'waiting' && !mine(ticket)) queue.close();
    render();
    statsSoon();
  }

  const say = (text) => announce(announcer, text);

  function onUserEvent(event) {
    if (event.type === 'desk.read') { // read on another tab or device
      if (queue.unread.delete(event.data?.ticketId)) renderQueue();
      return;
    }
    if (event.type !== 'desk.message') return;
    const m = event.data;
    if (!m) return;
    if (m.ticketId === queue.selectedId) {
      queue.addMessage(m);
      if (m.author?.id !== me?.id) markRead(m.ticketId);
      renderChat();
    } else if (queue.claimed.has(m.ticketId) && m.author?.id !== me?.id) {
      queue.countUnread(m.ticketId);
      say(t('desk.queue.newMessage', { name: m.author?.displayName ?? '' }));
      renderQueue();
    }
  }

  async function loadTranscript(ticketId) {
    try {
      const reply = await socket.request('desk.ticket', { ticketId }, { retry: false });
      if (ticketId !== queue.selectedId) return;
      if (reply.ticket) queue.upsert(reply.ticket);
      queue.setTranscript(reply.messages);
      if (reply.unread) markRead(ticketId);
      render();
    } catch (error) { showNotice({ error }); }
  }

  function select(ticketId, { focus = false } = {}) {
    if (queue.select(ticketId)) chatLog.replaceChildren();
    render();
    loadTranscript(ticketId);
    if (focus) chatTitle.focus();
  }

  async function act(fn) {
    if (busy) return;
    busy = true;
    chatError.textContent = '';
    renderChat();
    try { await fn(); } catch (error) { chatError.textContent = deskErrorText(error); } finally {
      busy = false;
      renderChat();
    }
  }

  async function onClaim(ticketId) {
    showNotice(null);
    try {
      const result = await socket.request('desk.claim', { ticketId });
      queue.upsert(result.ticket);
      select(ticketId);
      (replyForm.hidden ? chatTitle : reply).focus();
    } catch (error) {
      showNotice(error.code === 'conflict' ? { key: 'desk.claim.taken' } : { error });
      if (error.code === 'conflict') socket.request('desk.queue', {}, { retry: false }).then(onQueueSnapshot, () => {});
    }
  }

  replyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const ticket = selected();
    const text = reply.value.trim();
    if (!ticket || !text) { reply.focus(); return; }
    act(async () => {
      await socket.request('desk.message', { ticketId: ticket.id, text });
      reply.value = '';
      await loadTranscript(ticket.id);
      reply.focus();
    });
  });

  guideForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const ticket = selected();
    const [kind, ...rest] = destination.value.split(':');
    const value = rest.join(':');
    if (!ticket || !value) { destination.focus(); return; }
    const data = { ticketId: ticket.id };
    if (kind === 'room') data.roomId = Number(value);
    else data.hash = value;
    const text = guideText.value.trim();
    if (text) data.text = text;
    act(async () => {
      await socket.request('desk.guide', data);
      guideText.value = '';
      await loadTranscript(ticket.id);
    });
  });

  canned.addEventListener('change', () => {
    if (!canned.value) return;
    const phrase = t(canned.value, { name: me?.displayName ?? '' });
    const start = reply.selectionStart ?? reply.value.length;
    const end = reply.selectionEnd ?? reply.value.length;
    const before = reply.value.slice(0, start);
    const glue = before && !/\s$/.test(before) ? ' ' : '';
    reply.value = `${before}${glue}${phrase}${reply.value.slice(end)}`;
    canned.value = '';
    reply.focus();
    const caret = before.length + glue.length + phrase.length;
    reply.setSelectionRange(caret, caret);
  });

  /** Release or resolve: the ticket leaves the agent's hands, and the console says so. */
  function letGo(type, noticeKey, after = () => {}) {
    const ticket = selected();
    if (!ticket) return;
    act(async () => {
      const r = await socket.request(type, { ticketId: ticket.id });
      queue.upsert(r.ticket);
      queue.close();
      showNotice({ key: noticeKey });
      render();
      after();
    });
  }
  release.addEventListener('click', () => letGo('desk.release', 'desk.notice.released', () => queueTitle.focus?.()));
  resolve.addEventListener('click', () => letGo('desk.resolve', 'desk.notice.resolved'));

  function follow() {
    if (following) return;
    following = true;
    socket.subscribe('desk', onQueueEvent, onQueueSnapshot, {
      // The server ended it (the person is no longer an agent), or refused it again after a reconnect.
      onEnded: () => stop('desk.notice.ended'),
      onError: (error) => { unfollow(); showNotice({ error }); },
    }).catch((error) => {
      following = false;
      showNotice({ error });
    });
    if (me?.id) {
      userTopic = `user:${me.id}`;
      socket.subscribe(userTopic, onUserEvent, null).catch(() => {});
    }
    refreshTimer = setInterval(() => {
      socket.request('desk.queue', {}, { retry: false }).then((q) => {
        queue.setOnline(q.agentsOnline);
        for (const ticket of q.waiting ?? []) queue.upsert(ticket);
        renderQueue();
      }, () => {});
    }, QUEUE_REFRESH_MS);
  }

  function unfollow() {
    if (!following) return;
    following = false;
    // Leaving the console stops counting us as an agent watching the queue.
    socket.unsubscribe('desk', onQueueEvent);
    if (userTopic) socket.unsubscribe(userTopic, onUserEvent);
    userTopic = null;
    clearInterval(refreshTimer);
    clearTimeout(statsTimer);
    statsTimer = 0;
  }

  /** Stops following the queue and says why (`key`): the person's role no longer includes the desk. */
  function stop(key) {
    unfollow();
    showNotice({ key });
  }

  fillCanned();
  fillDestinations();

  return {
    show() {
      fillCanned();
      fillDestinations();
      render();
      follow();
      loadRooms();
      loadStats();
    },
    hide() { unfollow(); },
    setUser(next) { me = next; render(); },
    /** The person is no longer an agent: the queue stops, and the console says so. */
    stop() { stop('desk.notice.roleEnded'); },
    unmount() { unfollow(); box.replaceChildren(); },
  };
}
