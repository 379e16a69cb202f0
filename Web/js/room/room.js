// A live session room (#/room/<id>): entered with room.enter (followed like a topic, resumed with `since`
// after a reconnect) and left with room.leave when the person goes elsewhere. This module holds the room's
// state, the header, the player and the small live panels (people present, reactions, raised hands); the chat,
// Q&A and polls, and the host console are in room-chat.js, room-qa.js and room-host.js (loaded only for hosts).
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { attrs, el, statusLine } from '../dom.js';
import { keepFocus, localizedNode, stateKey } from '../program-text.js';
import { createRoomChat } from './room-chat.js';
import { createQuestions, createPolls } from './room-qa.js';

export const EMOJI = ['👏', '❤️', '😂', '🎉', '🤔', '👍'];
const STREAM_LANGUAGES = ['floor', 'fr', 'en', 'es'];
const VIDEO_FILE = /\.(m3u8|mp4|webm)(\?|#|$)/i;

/** A room error as a clear sentence: locked, full, removed, muted (with the time left), closed chat. */
export function roomError(error, action = '') {
  if (error?.code === 'forbidden' && error.detail === 'locked') return t('room.error.locked');
  if (error?.code === 'conflict' && error.detail === 'full') return t('room.error.full');
  if (error?.code === 'forbidden' && error.retryAfterMs) {
    return t('room.error.muted', { minutes: Math.max(1, Math.ceil(error.retryAfterMs / 60000)) });
  }
  if (error?.code === 'forbidden' && action === 'enter') return t('room.error.cannotEnter');
  if (error?.code === 'conflict' && ['chat', 'question', 'hand'].includes(action)) return t('room.error.notOpen');
  if (error?.code === 'conflict' && action === 'vote') return t('room.error.votedAlready');
  if (error?.code === 'conflict' && action === 'state') return t('room.error.badMove');
  if (error?.code === 'invalid' && action === 'stream') return t('room.error.stream');
  return errorMessage(error);
}

export function mount({ section, socket, user, go }) {
  let me = user;
  let roomId = null;
  let entered = false;
  let state = null;          // { room, present, you, hands, granted, reactions, removed }
  let streamLanguage = null; // the stream chosen by the person
  let muteTimer = null;
  let stopClock = () => {};  // the breakout bar's countdown
  let arrival = '';          // said once the next room is entered (back from a group)
  const topic = () => `room:${roomId}`;

  const heading = el('h1', { id: 'area-room-title', tabIndex: -1 });
  const stateLine = el('p', { className: 'room-state' });
  const alertLine = statusLine('error', 'alert');
  const noticeLine = statusLine('note room-notice', 'status');
  const breakoutBar = el('p', { className: 'breakout-bar', id: 'breakout-bar', hidden: true });
  const arrivalLine = statusLine('note room-arrival', 'status'); // "back in the main room" (beside a muted notice)
  const playerBox = el('div', { className: 'player' });
  // "12 people here" opens the list of who is there (a lazy module, asked only while open).
  const presentLine = attrs(el('button', { type: 'button', className: 'present link-button', id: 'present-toggle' }),
    { 'aria-expanded': 'false', 'aria-controls': 'people-box' });
  const peopleBox = el('div', { className: 'people-box', id: 'people-box', hidden: true });
  let people = null; // the open list
  const closePeople = () => { people?.close(); people = null; presentLine.setAttribute('aria-expanded', 'false'); };
  presentLine.addEventListener('click', () => {
    if (people) { closePeople(); return; }
    presentLine.setAttribute('aria-expanded', 'true');
    const id = roomId;
    people = { close() {}, presence() {} };
    import('./room-people.js').then(({ openPeople }) => {
      if (roomId === id && presentLine.getAttribute('aria-expanded') === 'true') people = openPeople(peopleBox, { socket, roomId: id });
    });
  });
  const reactionsBox = el('div', { className: 'reactions' });
  const handsBox = el('div', { className: 'hands' });
  const stageBox = el('section', { className: 'stage', id: 'stage' });
  let stage = null;          // room-stage.js, loaded with the first snapshot that has a stage
  const ctx = {
    socket,
    get roomId() { return roomId; },
    get state() { return state; },
    get me() { return me; },
    isHost: () => Boolean(state?.you?.isHost),
    canTalk: () => ['open', 'live'].includes(state?.room?.state),
    roomError,
    showAlert(text) { alertLine.textContent = text; },
    renderRoom: () => renderAll(),
  };
  const chat = createRoomChat(ctx);
  const questions = createQuestions(ctx);
  const polls = createPolls(ctx);
  // The host console is loaded for hosts only: a participant's first visit does not download it.
  const host = {
    node: el('div', { className: 'host-slot' }),
    console: null,
    render() {
      if (this.console) { this.console.render(); return; }
      if (!ctx.isHost() || this.loading) return;
      this.loading = import('./room-host.js').then(({ createHostConsole }) => {
        this.console = createHostConsole(ctx);
        this.node.replaceChildren(this.console.node);
        this.console.render();
      }, () => { this.loading = null; }); // offline: the next render tries again
    },
  };

  function renderHeader() {
    const room = state.room;
    const title = localizedNode('span', room.title);
    heading.replaceChildren(...title.childNodes);
    if (title.lang) heading.lang = title.lang;
    const key = stateKey(room.state) || 'room.state.scheduled';
    stateLine.replaceChildren(
      el('span', { className: `badge state-${room.state}`, id: 'room-state', dataset: { state: room.state }, textContent: t(key) }),
      room.locked ? el('span', { className: 'badge locked', textContent: `🔒 ${t('room.locked')}` }) : '',
      room.sessionId ? el('a', { href: `#/sessions/${room.sessionId}`, textContent: t('room.sessionPage') }) : '');
    presentLine.textContent = state.present === 1 ? t('room.presentOne') : t('room.present', { count: state.present ?? 0 });
    const until = state.you?.mutedUntil ? new Date(state.you.mutedUntil) : null;
    clearTimeout(muteTimer);
    // Count the minutes down, and clear the notice when the time is up.
    if (until && until > new Date()) muteTimer = setTimeout(() => { if (state) renderHeader(); }, Math.min(60000, until - new Date() + 500));
    if (until && until > new Date()) {
      noticeLine.textContent = t('room.mutedNotice', { minutes: Math.max(1, Math.ceil((until - new Date()) / 60000)) });
    } else if (noticeLine.dataset.kind === 'muted') noticeLine.textContent = '';
    noticeLine.dataset.kind = until && until > new Date() ? 'muted' : '';
  }

  function renderPlayer() {
    const streams = state.room.streams || {};
    const available = STREAM_LANGUAGES.filter((lang) => typeof streams[lang] === 'string' && streams[lang]);
    if (!available.length) {
      playerBox.replaceChildren(el('p', { className: 'note', textContent: t('room.noStream') }));
      delete playerBox.dataset.url;
      return;
    }
    if (!available.includes(streamLanguage)) streamLanguage = available.includes(document.documentElement.lang) ? document.documentElement.lang : available[0];
    const picker = el('select', { id: 'stream-language' }, ...available.map((lang) => el('option', { value: lang, textContent: t(`room.stream.${lang}`) })));
    picker.value = streamLanguage;
    picker.addEventListener('change', () => { streamLanguage = picker.value; renderPlayer(); document.getElementById('stream-language')?.focus(); });
    const pickerField = el('div', { className: 'field stream-picker' }, el('label', { htmlFor: 'stream-language', textContent: t('room.streamLanguage') }), picker);
    const url = streams[streamLanguage];
    const current = playerBox.querySelector('.media');
    // Other room updates (a pin, the lock) must not restart what is playing: keep the same player.
    if (current && playerBox.dataset.url === url) {
      playerBox.querySelector('.stream-picker')?.replaceWith(pickerField);
      return;
    }
    const media = VIDEO_FILE.test(url)
      ? el('video', { controls: true, src: url, playsInline: true, preload: 'metadata' })
      : attrs(el('iframe', { src: url, title: t('room.playerTitle'), allowFullscreen: true, referrerPolicy: 'no-referrer' }),
        { sandbox: 'allow-scripts allow-same-origin allow-presentation', allow: 'autoplay; fullscreen; picture-in-picture' });
    playerBox.dataset.url = url;
    playerBox.replaceChildren(pickerField, el('div', { className: 'media' }, media));
  }

  function renderReactions() {
    const counts = state.reactions || {};
    let group = reactionsBox.firstElementChild;
    if (!group) { // made once, then only the counts change: the focus stays on the button pressed
      group = el('div', { className: 'reaction-buttons' }, ...EMOJI.map((emoji) => {
        const button = el('button', { type: 'button', className: 'reaction', dataset: { emoji } },
          el('span', { textContent: emoji }), ' ', el('span', { className: 'count' }));
        button.addEventListener('click', () => socket.request('reaction.send', { roomId, emoji }, { retry: false })
          .catch((e) => ctx.showAlert(roomError(e))));
        return button;
      }));
      group.setAttribute('role', 'group');
      reactionsBox.append(group);
    }
    group.setAttribute('aria-label', t('room.reactions'));
    for (const button of group.children) {
      const { emoji } = button.dataset;
      button.querySelector('.count').textContent = String(counts[emoji] ?? 0);
      button.setAttribute('aria-label', t('room.react', { emoji, count: counts[emoji] ?? 0 }));
    }
  }

  // The server sends each second's burst of reactions: add it to what this page has counted since it entered
  // the room, and let a few of each float up from their button (not for people who ask for less motion).
  function addReactions(burst) {
    const totals = state.reactions;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    for (const [emoji, count] of Object.entries(burst)) {
      if (!EMOJI.includes(emoji) || !(count > 0)) continue;
      totals[emoji] = (totals[emoji] ?? 0) + count;
      const button = reactionsBox.querySelector(`[data-emoji="${emoji}"]`);
      for (let i = 0; !still && button && i < Math.min(count, 3); i += 1) {
        const floater = attrs(el('span', { className: 'floater', textContent: emoji }), { 'aria-hidden': 'true' });
        floater.style.left = `${20 + Math.random() * 60}%`;
        floater.style.animationDelay = `${i * 120}ms`;
        floater.addEventListener('animationend', () => floater.remove());
        setTimeout(() => floater.remove(), 2000);
        button.append(floater);
      }
    }
    renderReactions();
  }

  function renderHands() {
    const queue = state.hands || [];
    const position = queue.findIndex((h) => h.userId === me?.id) + 1;
    const raised = position > 0;
    const button = el('button', { type: 'button', id: 'hand-toggle', textContent: raised ? `✋ ${t('room.lowerHand')}` : `✋ ${t('room.raiseHand')}` });
    button.setAttribute('aria-pressed', String(raised));
    button.disabled = !raised && !ctx.canTalk();
    button.addEventListener('click', async () => {
      try {
        await socket.request(raised ? 'hand.lower' : 'hand.raise', { roomId });
      } catch (e) { ctx.showAlert(roomError(e, 'hand')); }
    });
    const parts = [button];
    if (raised) parts.push(el('span', { className: 'hand-position', textContent: t('room.handPosition', { position, count: queue.length }) }));
    if (state.granted != null && state.granted === me?.id) parts.push(el('strong', { className: 'granted', textContent: t('room.youHaveFloor') }));
    keepFocus(handsBox, () => handsBox.replaceChildren(...parts));
  }

  // Groups running: a group's own room (until its end) or the main room's groups. The clock is a lazy module.
  function renderBreakout() {
    const room = state.room;
    const running = room.parentRoomId ? (room.state === 'ended' ? null : { endsAt: room.endsAt, parentRoomId: room.parentRoomId }) : state.breakout;
    stopClock();
    stopClock = () => {};
    if (!running) { breakoutBar.hidden = true; return; }
    const id = roomId;
    import('./room-breakout.js').then(({ showBreakout }) => {
      if (roomId === id && state) { stopClock(); stopClock = showBreakout(breakoutBar, running); }
    });
  }

  // A group's time is up or its host ended it: everyone in it goes back to the main room.
  function backFromGroup() {
    const parent = state?.room?.parentRoomId;
    if (!parent || state.room.state !== 'ended') return false;
    arrival = t('room.breakout.backInMain');
    go(`#/room/${Number(parent)}`);
    return true;
  }

  function renderAll() {
    if (!state) return;
    renderHeader();
    renderBreakout();
    renderPlayer();
    renderReactions();
    renderHands();
    chat.render();
    questions.render();
    polls.render();
    host.render();
    stage?.render();
  }

  function layout() {
    section.replaceChildren(
      el('p', { className: 'back' }, el('a', { href: '#/sessions', textContent: `← ${t('sessions.back')}` })),
      heading, stateLine, alertLine, noticeLine, arrivalLine, breakoutBar,
      el('div', { className: 'room-grid' },
        el('div', { className: 'room-main' }, stageBox, playerBox,
          el('div', { className: 'room-live' }, presentLine, peopleBox, reactionsBox, handsBox),
          host.node),
        el('div', { className: 'room-side' }, chat.node, questions.node, polls.node)));
  }

  function onSnapshot(snapshot, { resumed }) {
    state = {
      room: snapshot.room || state?.room || { id: roomId, state: 'scheduled', title: {} },
      present: snapshot.present ?? 0,
      you: snapshot.you || {},
      hands: Array.isArray(snapshot.hands) ? snapshot.hands : [],
      granted: state?.granted ?? null,
      reactions: state?.reactions || {},
      breakout: snapshot.breakout ?? null,
    };
    if (backFromGroup()) return;
    chat.setSnapshot(snapshot.chat || [], resumed);
    questions.setSnapshot(snapshot.questions || []);
    polls.setSnapshot(snapshot.polls || []);
    renderAll();
    if (snapshot.stage) setStage(snapshot.stage);
  }

  async function setStage(view) {
    if (!stage && !view?.available) { // no Janus here: a line, and the stage's module is not loaded
      stageBox.replaceChildren(el('p', { className: 'note', id: 'stage-unavailable', textContent: t('stage.unavailable') }));
      return;
    }
    if (!stage) {
      const { createStage } = await import('./room-stage.js');
      stage ??= createStage(ctx, stageBox);
    }
    stage.set(view);
  }

  function closeStage() {
    stage?.close();
    stage = null;
    stageBox.replaceChildren();
  }

  function left(messageKey) {
    if (entered) socket.unsubscribe(topic(), onEvent);
    entered = false;
    closeStage();
    section.querySelector('.room-grid')?.remove();
    alertLine.textContent = t(messageKey);
  }

  function onEvent(event) {
    const data = event.data || {};
    switch (event.type) {
      case 'room.state':
        state.room.state = data.state;
        if (backFromGroup()) return;
        noticeLine.textContent = t(`room.stateChanged.${data.state}`) === `room.stateChanged.${data.state}` ? '' : t(`room.stateChanged.${data.state}`);
        renderAll();
        return;
      case 'room.updated':
        if (data.room) state.room = data.room;
        renderAll();
        return;
      case 'presence': state.present = data.present; renderHeader(); people?.presence(); return;
      case 'reactions': addReactions(data.counts || {}); return;
      case 'hands':
        state.hands = data.queue || [];
        state.granted = data.granted ?? null;
        renderHands();
        host.render();
        stage?.render();
        return;
      case 'stage.feeds': setStage(data); return;
      case 'stage.recording': stage?.setRecording(data); return;
      case 'room.removed':
        if (data.userId === me?.id) left('room.error.removed');
        else chat.render();
        return;
      case 'room.muted':
        if (data.userId === me?.id) { state.you.mutedUntil = data.until; renderHeader(); }
        return;
      case 'breakout.started': case 'breakout.ended':
        state.breakout = event.type === 'breakout.started' ? { groups: data.groups, endsAt: data.endsAt } : null;
        if (event.type === 'breakout.ended') noticeLine.textContent = t('room.breakout.ended');
        renderBreakout();
        host.render();
        return;
      default:
        if (chat.onEvent(event) || questions.onEvent(event) || polls.onEvent(event)) return;
    }
  }

  function onEnterError(error) {
    entered = false;
    section.querySelector('.room-grid')?.remove();
    alertLine.textContent = roomError(error, 'enter');
  }

  function leave() {
    clearTimeout(muteTimer);
    closePeople();
    stopClock();
    closeStage();
    if (entered && roomId != null) socket.unsubscribe(topic(), onEvent);
    entered = false;
  }

  async function enter(id) {
    leave();
    roomId = id;
    state = null;
    streamLanguage = null;
    chat.reset();
    questions.reset();
    playerBox.replaceChildren();
    delete playerBox.dataset.url;
    heading.textContent = t('room.title');
    stateLine.replaceChildren();
    alertLine.textContent = '';
    noticeLine.textContent = '';
    arrivalLine.textContent = arrival;
    arrival = '';
    breakoutBar.hidden = true;
    layout();
    section.setAttribute('aria-busy', 'true');
    entered = true;
    try {
      await socket.subscribe(topic(), onEvent, onSnapshot, {
        enter: { type: 'room.enter', data: { roomId: id } },
        leave: { type: 'room.leave', data: { roomId: id } },
        onError: onEnterError,
      });
    } catch (error) {
      if (roomId === id) onEnterError(error);
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  return {
    async show(path) {
      const id = Number(path[0]);
      if (!Number.isInteger(id) || id <= 0) {
        leave();
        roomId = null;
        section.replaceChildren(heading, alertLine);
        heading.textContent = t('room.title');
        alertLine.textContent = t('room.error.noRoom');
        return;
      }
      if (id === roomId && entered && state) { // same room again (e.g. after a language switch)
        layout();
        renderAll();
        return;
      }
      await enter(id);
    },
    hide() { leave(); roomId = null; state = null; },
    unmount() { leave(); },
    // A new role (or hosting this room) changes the host controls: enter again for a snapshot that says so.
    setUser(next, change) {
      const again = entered && roomId != null && (next?.role !== me?.role || (change?.roomId != null && change.roomId === roomId));
      me = next;
      if (again) enter(roomId);
    },
  };
}
