// A bilateral meeting's table (`#/table/<meetingId>`): the meeting's room for its two people (room.enter, followed
// across reconnects; room.leave when leaving), check-in (meeting.checkin; the other's from `meeting.checkedin`),
// a chat, and 1:1 video peer to peer (table-rtc.js) with a chat-only fallback when there is no camera or microphone.
// The ICE servers come from `media.config` (with the TURN relay's credentials when one is configured; meeting.list's
// iceServers if the request fails); without a relay the page says that calls across strict firewalls may fail.
// The connection state is in the DOM as `#rtc-state[data-rtc-state]` (pc.connectionState, or idle / closed), and
// once connected the path it takes as `data-rtc-route` (relay, host, srflx, prflx).
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';
import { acquireLive } from '../lounge-live.js';
import { countdownText, slotText } from '../lounge/lounge-common.js';
import { createCall } from './table-rtc.js';
import { CHECKIN_OPENS_MS, tableState } from './table-state.js';
import { createChat } from '../chat/chat.js';
import { formatDateTime } from '../time.js';

/** "AD" for "Amina Diallo": the name card's initials. */
function initials(name) {
  return String(name ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 2).map((word) => [...word][0].toUpperCase()).join('') || '?';
}

const STATE_KEYS = {
  idle: 'table.rtc.idle', new: 'table.rtc.connecting', connecting: 'table.rtc.connecting', connected: 'table.rtc.connected',
  disconnected: 'table.rtc.disconnected', failed: 'table.rtc.failed', closed: 'table.rtc.closed',
};

export function mount({ section, socket, user }) {
  const live = acquireLive({ socket, user });
  let visit = null; // the current table visit: { destroy }

  function show(path = []) {
    const meetingId = Number(path[0]);
    // The same table again (e.g. after a language switch): keep the call, only translate the page.
    if (visit && visit.meetingId === meetingId) { visit.relabel(); return; }
    visit?.destroy();
    visit = openTable({ section, socket, user, live, meetingId });
  }
  function hide() {
    visit?.destroy();
    visit = null;
  }
  return {
    show,
    hide,
    unmount() { hide(); live.release(); section.replaceChildren(); },
  };
}

function openTable({ section, socket, user, live, meetingId }) {
  const heading = el('h1', { id: 'area-table-title', tabIndex: -1, textContent: t('area.table') });
  const labels = []; // functions that write the page's fixed texts again in the current language
  const say = (node, key, { prefix = '', attr = null, params = () => ({}) } = {}) => {
    const apply = () => {
      const text = prefix + t(key, params());
      if (attr) node.setAttribute(attr, text); else node.textContent = text;
    };
    labels.push(apply);
    apply();
    return node;
  };
  const when = el('p', { className: 'table-when' });
  const alert = statusLine('error', 'alert');
  const notice = statusLine('note table-notice');
  const body = el('div', { className: 'table-body' });
  section.setAttribute('aria-labelledby', heading.id);
  section.replaceChildren(el('p', { className: 'back' }, say(el('a', { href: '#/lounge/meetings' }), 'table.back', { prefix: '← ' })),
    heading, when, alert, notice, body);

  const table = tableState(meetingId); // table-state.js: the meeting, check-in, ICE servers, the call as shown
  let destroyed = false;
  let call = null;
  let topic = null;
  let offLive = null;
  let timer = null;
  let chat = null;  // chat.js, once the meeting is known
  const parts = {};

  if (!Number.isInteger(meetingId) || meetingId <= 0) {
    alert.textContent = t('table.notFound');
    return { meetingId, relabel() { alert.textContent = t('table.notFound'); }, destroy() {} };
  }

  // ---- check-in ----
  function renderCheckin() {
    const { meeting } = table;
    const phase = table.showPhase();
    const mine = meeting.checkedIn
      ? el('p', { className: 'checked-in', id: 'checkin-mine', textContent: `✓ ${t('table.youCheckedIn')}` })
      : el('button', { type: 'button', id: 'checkin-button', className: 'primary', textContent: t('table.checkin') });
    if (!meeting.checkedIn) {
      mine.addEventListener('click', async () => {
        mine.disabled = true;
        try {
          const reply = await socket.request('meeting.checkin', { meetingId });
          table.checkedIn(reply.meeting);
          renderCheckin();
          document.getElementById('checkin-mine')?.focus();
        } catch (error) { alert.textContent = errorMessage(error); mine.disabled = false; }
      });
    }
    const theirs = el('p', { id: 'checkin-other', className: meeting.otherCheckedIn ? 'checked-in' : 'note',
      dataset: { checkedIn: String(Boolean(meeting.otherCheckedIn)) },
      textContent: meeting.otherCheckedIn ? `✓ ${t('table.otherCheckedIn', { name: meeting.with.displayName })}` : t('table.otherNotYet', { name: meeting.with.displayName }) });
    theirs.setAttribute('aria-live', 'polite');
    if (meeting.checkedIn) mine.tabIndex = -1;
    const shown = [mine, theirs];
    if (!meeting.checkedIn && phase !== 'open') { // before the window (or after the slot) the button waits, and says why
      mine.disabled = true;
      const why = el('p', { className: 'hint', id: 'checkin-when', textContent: phase === 'early'
        ? t('table.checkinOpens', { time: formatDateTime(table.checkinOpens()), minutes: CHECKIN_OPENS_MS / 60000 })
        : t('table.checkinOver') });
      mine.setAttribute('aria-describedby', why.id);
      shown.splice(1, 0, why);
    }
    parts.checkin.replaceChildren(...shown);
  }

  // ---- chat ----
  function chatSection() {
    chat = createChat({
      socket,
      roomId: () => table.meeting.roomId,
      me: () => user,
      prefix: 'table-chat',
      ids: { list: 'table-chat', input: 'table-chat-text' },
      className: 'table-chat',
      hiddenLabel: true, // the Send button beside it says what the box is for
      texts: {
        title: () => t('table.chat'),
        empty: () => t('table.chatEmpty'),
        label: () => t('dm.yourMessage'),
        send: () => t('dm.send'),
        closed: () => t('table.chatClosed'),
        sendError: (error) => (error.code === 'conflict' ? t('table.chatClosed') : errorMessage(error)),
      },
    });
    return chat.node;
  }

  // ---- video ----
  function videoSection() {
    const remote = el('video', { id: 'remote-video', autoplay: true, playsInline: true });
    // With no picture from the other (not connected yet, no camera, or camera off), their name card, not a black box.
    const card = el('div', { className: 'name-card', id: 'remote-card' },
      el('span', { className: 'initials', textContent: initials(table.meeting.with.displayName) }),
      el('span', { className: 'card-name', textContent: table.meeting.with.displayName }),
      el('span', { className: 'card-state hint' }));
    card.setAttribute('aria-hidden', 'true'); // the state line below says it in words
    const renderCard = () => {
      const stream = remote.srcObject;
      const connected = table.connection === 'connected';
      const picture = Boolean(stream?.getVideoTracks().some((track) => track.readyState === 'live' && !track.muted)) && table.theirCamera !== false
        && connected;
      card.hidden = picture;
      remote.closest('.remote')?.setAttribute('data-camera', picture ? 'on' : 'off');
      card.lastElementChild.textContent = connected && !picture ? t('table.cameraOff') : '';
    };
    const localVideo = el('video', { id: 'local-video', autoplay: true, playsInline: true, muted: true });
    say(remote, 'table.remoteVideo', { attr: 'aria-label', params: () => ({ name: table.meeting.with.displayName }) });
    say(localVideo, 'table.localVideo', { attr: 'aria-label' });
    const state = el('p', { id: 'rtc-state', className: 'rtc-state', dataset: { rtcState: 'idle' } });
    state.setAttribute('role', 'status');
    const media = statusLine('note media-notice', 'status', 'media-notice');
    const relay = statusLine('note relay-notice', 'note', 'relay-notice');
    if (!table.hasRelay()) say(relay, 'table.rtc.noRelay'); else relay.hidden = true;
    const mic = say(el('button', { type: 'button', id: 'toggle-mic' }), 'table.mic');
    const cam = say(el('button', { type: 'button', id: 'toggle-cam' }), 'table.cam');
    const hang = say(el('button', { type: 'button', id: 'hang-up', className: 'danger' }), 'table.hangUp');
    const again = say(el('button', { type: 'button', id: 'call-again', className: 'primary', hidden: true }), 'table.callAgain');
    const setPressed = (node, on) => {
      node.dataset.on = String(on);
      node.setAttribute('aria-pressed', String(!on));
      node.textContent = on ? t(node === mic ? 'table.muteMic' : 'table.stopCam') : t(node === mic ? 'table.unmuteMic' : 'table.startCam');
    };
    labels.push(() => {
      for (const node of [mic, cam]) if (node.dataset.on) setPressed(node, node.dataset.on === 'true');
      renderState(table.connection);
      renderCard();
      if (table.media && table.media !== 'ok') media.textContent = t(`table.media.${table.media}`);
    });
    mic.addEventListener('click', () => setPressed(mic, call.toggle('audio')));
    cam.addEventListener('click', () => setPressed(cam, call.toggle('video')));
    hang.addEventListener('click', () => { call.hangUp(); hang.hidden = true; again.hidden = false; again.focus(); });
    again.addEventListener('click', async () => { again.hidden = true; hang.hidden = false; await call.again(); });
    const renderState = (value) => {
      table.setConnection(value);
      if (value !== 'connected') delete state.dataset.rtcRoute;
      state.dataset.rtcState = value;
      state.textContent = t(STATE_KEYS[value] ?? 'table.rtc.connecting', { name: table.meeting.with.displayName });
      remote.closest('.remote')?.setAttribute('data-rtc-state', value);
      renderCard();
    };
    call = createCall({
      socket, meetingId, me: user.id, partner: table.meeting.with.id, rtcConfig: () => table.rtc,
      onState: renderState,
      onRoute: (type) => { state.dataset.rtcRoute = type; },
      onLocal: (stream) => {
        localVideo.srcObject = stream;
        localVideo.closest('figure').hidden = !stream?.getVideoTracks().length;
        for (const [node, kind] of [[mic, 'audio'], [cam, 'video']]) {
          node.disabled = !call?.hasTrack(kind);
          if (stream && call?.hasTrack(kind)) setPressed(node, true);
        }
      },
      onRemote: (stream) => {
        remote.srcObject = stream;
        for (const track of stream?.getVideoTracks() ?? []) { track.onmute = renderCard; track.onunmute = renderCard; }
        renderCard();
      },
      onCamera: (on) => { table.setTheirCamera(on); renderCard(); },
      onMedia: (status) => {
        table.setMedia(status);
        media.dataset.media = status;
        media.textContent = status === 'ok' ? '' : t(`table.media.${status}`);
        if (status !== 'ok' && status !== 'audio-only') { mic.disabled = true; cam.disabled = true; }
      },
      onNotice: (kind) => { if (kind === 'partner-left') notice.textContent = t('table.partnerLeft', { name: table.meeting.with.displayName }); },
    });
    mic.disabled = true;
    cam.disabled = true;
    renderState('idle');
    return el('section', { className: 'table-video card' }, say(el('h2', { className: 'visually-hidden' }), 'table.video'),
      media, relay, el('div', { className: 'videos' },
        el('figure', { className: 'remote' }, remote, card, el('figcaption', { textContent: table.meeting.with.displayName })),
        el('figure', { className: 'local' }, localVideo, say(el('figcaption'), 'dm.you'))),
      state, el('div', { className: 'actions call-controls' }, mic, cam, hang, again));
  }

  // ---- the room ----
  function onRoomEvent(event) {
    const data = event.data ?? {};
    if (chat?.onEvent(event)) return;
    if (event.type === 'presence') call?.setPresent(Number(data.present) || 0);
    else if (event.type === 'meeting.checkedin' && table.someoneCheckedIn(data, user.id)) renderCheckin();
  }
  function onRoomSnapshot(snapshot, { resumed }) {
    if (table.snapshot()) loadRtcConfig(); // after a reconnect: fresh relay credentials for the next connection
    chat?.setSnapshot(snapshot.chat ?? [], resumed);
    chat?.render();
    // Each snapshot (the first, or after a reconnect) is an arrival: offer if the other is here and we are not connected.
    call?.setPresent(Number(snapshot.present) || 0, { arrived: true });
  }
  function onUserEvent(event) {
    if (event.type === 'rtc.signal') call?.onSignal(event.data);
    else if (event.type === 'meeting.cancelled' && event.data?.meetingId === meetingId) {
      notice.textContent = t('table.cancelled');
      call?.hangUp();
    }
  }

  /** media.config: fresh relay credentials (they expire after turnCredentialHours; read again after a reconnect). */
  async function loadRtcConfig() {
    try {
      table.setRtc(await socket.request('media.config'));
    } catch (error) {
      console.warn('media.config', error.code);
      if (table.rtc == null) table.fallbackRtc((await live.meetings()).iceServers);
    }
  }

  async function start() {
    const configured = loadRtcConfig();
    let list = await live.meetings();
    table.found(list.meetings.find((m) => m.id === meetingId));
    if (!table.meeting) { list = await live.refreshMeetings(); table.found(list.meetings.find((m) => m.id === meetingId)); }
    if (destroyed) return;
    if (!table.meeting) { alert.textContent = t('table.notFound'); return; }
    say(heading, 'table.title', { params: () => ({ name: table.meeting.with.displayName }) });
    const countdown = el('span', { className: 'countdown' });
    const tick = () => {
      countdown.textContent = countdownText(table.meeting.slot.startsAt, table.meeting.slot.endsAt);
      if (parts.checkin && table.phaseMoved()) renderCheckin(); // the window opened (or closed)
    };
    labels.push(() => {
      when.replaceChildren(slotText(table.meeting.slot), ' · ', t('meetings.table', { table: table.meeting.table }), ' ', countdown);
      tick();
    });
    labels.at(-1)();
    timer = setInterval(tick, 15000);
    if (table.meeting.status !== 'booked') { alert.textContent = t('table.cancelled'); return; }
    await configured;
    if (destroyed) return;
    parts.checkin = el('div', { className: 'checkin card', id: 'checkin' });
    body.replaceChildren(parts.checkin, videoSection(), chatSection());
    renderCheckin();
    chat.render();
    offLive = live.on(onUserEvent);
    call.start();
    topic = `room:${table.meeting.roomId}`;
    socket.subscribe(topic, onRoomEvent, onRoomSnapshot, {
      enter: { type: 'room.enter', data: { roomId: table.meeting.roomId } },
      leave: { type: 'room.leave', data: { roomId: table.meeting.roomId } },
      onError: (error) => { alert.textContent = errorMessage(error); },
    }).catch((error) => { if (!destroyed) alert.textContent = errorMessage(error); });
  }
  start().catch((error) => { if (!destroyed) alert.textContent = errorMessage(error); });
  // A reload or a closed tab: tell the other at once rather than letting their connection time out.
  const onPageHide = () => call?.destroy();
  addEventListener('pagehide', onPageHide);

  return {
    meetingId,
    relabel() {
      for (const apply of labels) apply();
      if (parts.checkin) { renderCheckin(); chat.render(); }
    },
    destroy() {
      destroyed = true;
      removeEventListener('pagehide', onPageHide);
      clearInterval(timer);
      offLive?.();
      call?.destroy();
      if (topic) socket.unsubscribe(topic, onRoomEvent);
    },
  };
}
