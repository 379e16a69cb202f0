// The room's stage (loaded with the first snapshot that has a stage): the speakers' grid everyone in the room watches,
// "Go live" / "Share screen" / "Stop" for hosts and invited speakers (an invited person first gets a backstage
// preview of their camera and "Go on stage"), and for hosts the speaker list (Remove) and "Invite to speak" on raised
// hands. In a breakout group the stage is the group's call: every member may go live. A feed that ended with a
// dropped socket goes live again by itself once the page is back, if the person still may. Media goes to Janus through
// the seminar: stage.publish / stage.watch + stage.answer carry complete SDP (no trickle: each side waits for its
// candidates). Connections are watched as the table's are (rtc-watch.js). Everyone sees when the stage is recorded;
// a session room's hosts start and stop recording (stage.record).
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { keepFocus } from '../program-text.js';
import { gatheringDone, iceConfig, watchConnection } from '../rtc-watch.js';

export function createStage(ctx, node) {
  const { socket } = ctx;
  let view = { available: false, feeds: [], speakers: [], maxSpeakers: 0 };
  const asRecording = (r) => ({ available: Boolean(r?.available), recording: Boolean(r?.recording), since: r?.since ?? null,
    problem: r?.problem ?? null });
  let recording = asRecording(null);  // stage.record, for everyone to see
  let config = null;          // media.config, read once per stage
  let preview = null;         // the backstage camera (MediaStream)
  const sending = {};         // kind → { pc, stream, feedId, watch }
  let watching = null;        // { pc, watch, feedKey, tracks: Map(feedId → MediaStream) }
  let rewatching = null;      // the running rewatch, and whether another is due
  let again = false;
  let closed = false;
  const status = el('p', { className: 'note', id: 'stage-status', role: 'status' });

  const mine = (feed) => feed.userId === ctx.me?.id;
  const invited = () => view.speakers.some((s) => s.userId === ctx.me?.id);
  const groupCall = () => Boolean(ctx.state?.you?.groupCall);  // a breakout group: everyone in it may be seen
  const mayGoLive = () => ctx.isHost() || invited() || groupCall();
  const roomOpen = () => ['open', 'live'].includes(ctx.state?.room?.state);
  // The server ends a socket's feeds and watch when it closes: after a reconnect, those of the earlier socket are gone.
  const sameSocket = (entry) => socket.status === 'online' && socket.connection === entry.connection;
  const fail = (error) => { status.textContent = error?.message ? t('stage.failed', { reason: error.message }) : t('stage.failedPlain'); };
  const mediaConfig = async () => (config ??= await socket.request('media.config'));

  async function connection() {
    return new RTCPeerConnection(iceConfig(await mediaConfig()));
  }

  async function camera() {
    if (!preview) preview = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 360 } } });
    return preview;
  }

  /** Goes live with `kind` (`given`: a stream already captured, e.g. the screen shared before a reconnect). */
  async function publish(kind, given = null) {
    if (sending[kind]) return;
    status.textContent = t('stage.connecting');
    let pc = null;
    try {
      const stream = given ?? (kind === 'screen' ? await navigator.mediaDevices.getDisplayMedia({ video: true }) : await camera());
      pc = await connection();
      for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      const entry = { pc, stream, feedId: null, connection: socket.connection };
      sending[kind] = entry;
      // Media lost while the socket was away is the feed ending with it: set() takes it live again.
      const lost = () => { if (sameSocket(entry)) { stop(kind); status.textContent = t('stage.lost'); } };
      entry.watch = watchConnection(pc, { onFail: lost, onState: () => {} });
      await pc.setLocalDescription(await pc.createOffer());
      await gatheringDone(pc);
      const reply = await socket.request('stage.publish', { roomId: ctx.roomId, kind, sdp: pc.localDescription.sdp }, { retry: false });
      entry.feedId = reply.feedId;
      await pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
      entry.watch.described();
      if (!given) stream.getVideoTracks()[0]?.addEventListener('ended', () => stop(kind));  // the browser's own "Stop sharing"
      status.textContent = t('stage.youAreLive');
    } catch (error) {
      if (sending[kind]?.pc === pc) stop(kind);  // a feed Janus took (feedId known) is given back
      fail(error);
    }
    render();
  }

  /** Stops sending `kind` (`quiet`: the server ended the feed already; `keep`: the stream goes live again). */
  function stop(kind, { quiet = false, keep = false } = {}) {
    const entry = sending[kind];
    if (!entry) return;
    delete sending[kind];
    entry.watch?.stop();
    entry.pc.close();
    if (kind === 'screen' && !keep) entry.stream.getTracks().forEach((track) => track.stop());
    if (entry.feedId != null && !quiet) {
      socket.request('stage.unpublish', { roomId: ctx.roomId, feedId: entry.feedId }, { retry: false }).catch(() => {});
    }
    if (!sending.camera && kind === 'camera' && !invitedBackstage() && !keep) stopPreview();
    render();
  }

  /** This page's feed ended on the server: with the socket it was sent through (go live again, if still allowed and
   *  the stream still runs), or for another reason (taken off the stage, the room ended, Janus restarted: say so). */
  function feedEnded(kind) {
    const entry = sending[kind];
    const again = !sameSocket(entry) && mayGoLive() && roomOpen() && entry.stream.getTracks().some((track) => track.readyState === 'live');
    stop(kind, { quiet: true, keep: again });
    if (again) publish(kind, entry.stream);
    else status.textContent = t('stage.ended');
  }

  function stopPreview() {
    preview?.getTracks().forEach((track) => track.stop());
    preview = null;
  }

  const invitedBackstage = () => !ctx.isHost() && !groupCall() && invited() && !sending.camera;

  /** Watches every feed but this person's own, again whenever that set changes (one watch at a time). */
  async function rewatch() {
    if (rewatching) { again = true; return; }
    const feeds = view.feeds.filter((feed) => !mine(feed));
    // A new socket watches anew: the server ended the earlier socket's watch.
    const key = feeds.length ? `${socket.connection}:${feeds.map((feed) => feed.feedId).join(',')}` : '';
    if (key === (watching?.feedKey ?? '')) { render(); return; }
    unwatch();
    if (!feeds.length || closed) { render(); return; }
    rewatching = (async () => {
      let current = null;
      try {
        const pc = await connection();
        const tracks = new Map();
        current = { pc, feedKey: key, tracks };
        watching = current;
        const attempt = current;
        current.watch = watchConnection(pc, {
          onFail: () => { if (watching === attempt) { unwatch(); status.textContent = t('stage.lost'); setTimeout(rewatch, 2000); } },
        });
        const reply = await socket.request('stage.watch', { roomId: ctx.roomId, feedIds: feeds.map((feed) => feed.feedId) }, { retry: false });
        const byMid = new Map(reply.streams.map((stream) => [stream.mid, stream.feedId]));
        pc.ontrack = (event) => {
          const feedId = byMid.get(event.transceiver.mid);
          if (feedId == null) return;
          if (!tracks.has(feedId)) tracks.set(feedId, new MediaStream());
          tracks.get(feedId).addTrack(event.track);
          render();
        };
        await pc.setRemoteDescription({ type: 'offer', sdp: reply.sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        await gatheringDone(pc);
        await socket.request('stage.answer', { watchId: reply.watchId, sdp: pc.localDescription.sdp }, { retry: false });
        current.watch.described();
      } catch (error) {
        if (current && watching === current) unwatch();
        if (error?.detail !== 'empty' && error?.code !== 'not_found') fail(error);
      }
    })();
    await rewatching;
    rewatching = null;
    render();
    if (again) { again = false; rewatch(); }
  }

  function unwatch() {
    if (!watching) return;
    watching.watch?.stop();
    watching.pc.close();
    watching = null;
  }

  /** A tile of the grid: its video (muted: the sound plays from its own element, so the picture may autoplay). */
  function tile(feed, stream, own) {
    const video = el('video', { autoplay: true, playsInline: true, muted: true, dataset: { feedId: String(feed.feedId), userId: String(feed.userId) } });
    video.muted = true;
    video.srcObject = stream;
    const parts = [video, el('figcaption')];
    if (!own && stream.getAudioTracks().length) {
      const audio = el('audio', { autoplay: true });
      audio.srcObject = stream;
      audio.play?.().catch(() => { status.textContent = t('stage.soundBlocked'); });
      parts.push(audio);
    }
    return el('figure', { className: `stage-feed kind-${feed.kind}` }, ...parts);
  }

  const grid = el('div', { className: 'stage-grid', id: 'stage-grid', role: 'group' });
  const tiles = new Map();  // "feedId" → figure, kept while its stream stays the same (the video keeps playing)

  function renderGrid() {
    grid.setAttribute('aria-label', t('stage.grid'));
    const wanted = [];
    for (const feed of view.feeds) {
      const own = mine(feed);
      const stream = own ? Object.values(sending).find((entry) => entry.feedId === feed.feedId)?.stream : watching?.tracks.get(feed.feedId);
      if (!stream) continue;
      const key = `${feed.feedId}`;
      const existing = tiles.get(key);
      if (!existing || existing.stream !== stream) tiles.set(key, { stream, node: tile(feed, stream, own) });
      const { node: figure } = tiles.get(key);
      const name = own ? t('stage.you', { name: feed.displayName }) : feed.displayName;
      figure.querySelector('figcaption').textContent = feed.muted ? `🔇 ${name}` : name;
      wanted.push(figure);
    }
    for (const [key, entry] of tiles) if (!wanted.includes(entry.node)) tiles.delete(key);
    if (wanted.length !== grid.children.length || wanted.some((node, i) => grid.children[i] !== node)) grid.replaceChildren(...wanted);
    if (!wanted.length) grid.replaceChildren(el('p', { className: 'note', textContent: t('stage.empty') }));
  }

  function button(id, label, action) {
    const b = el('button', { type: 'button', id, textContent: label });
    b.addEventListener('click', action);
    return b;
  }

  function controls() {
    if (!mayGoLive()) return [];
    if (invitedBackstage() && !sending.screen) {
      const video = el('video', { autoplay: true, playsInline: true, muted: true, id: 'stage-preview' });
      video.muted = true;
      camera().then((stream) => { video.srcObject = stream; }).catch(fail);
      return [el('div', { className: 'stage-backstage', id: 'stage-backstage' }, el('h3', { textContent: t('stage.backstage') }),
        el('p', { className: 'note', textContent: t('stage.backstageNote') }), video,
        button('stage-go-on', t('stage.goOn'), () => publish('camera')))];
    }
    const parts = [];
    if (!sending.camera) parts.push(button('stage-go-live', t('stage.goLive'), () => publish('camera')));
    if (!sending.screen) parts.push(button('stage-share', t('stage.share'), () => publish('screen')));
    if (sending.camera || sending.screen) parts.push(button('stage-stop', t('stage.stop'), () => { stop('screen'); stop('camera'); }));
    return [el('div', { className: 'stage-controls' }, ...parts)];
  }

  function hostPanel() {
    if (!ctx.isHost()) return [];
    const rows = view.speakers.map((speaker) => {
      const feed = view.feeds.find((f) => f.userId === speaker.userId && f.kind === 'camera');
      const mute = feed ? button(`stage-mute-${speaker.userId}`, t(feed.muted ? 'stage.unmute' : 'stage.mute'),
        () => socket.request('stage.mute', { roomId: ctx.roomId, userId: speaker.userId, muted: !feed.muted }).catch(fail)) : '';
      return el('li', { dataset: { userId: String(speaker.userId) } }, speaker.displayName, ' ', mute, ' ',
        button(`stage-remove-${speaker.userId}`, t('stage.remove'), () => socket.request('stage.remove', { roomId: ctx.roomId, userId: speaker.userId })
          .catch(fail)));
    });
    const hands = (ctx.state?.hands ?? []).filter((hand) => !view.speakers.some((s) => s.userId === hand.userId));
    const invites = hands.map((hand) => el('li', {}, `✋ ${hand.displayName} `,
      button(`stage-invite-${hand.userId}`, t('stage.invite'), () => socket.request('stage.invite', { roomId: ctx.roomId, userId: hand.userId })
        .catch(fail))));
    return [el('div', { className: 'stage-host' },
      el('h3', { textContent: t('stage.speakers', { count: view.speakers.length, max: view.maxSpeakers }) }),
      rows.length ? el('ul', { id: 'stage-speakers' }, ...rows) : el('p', { className: 'note', textContent: t('stage.noSpeakers') }),
      invites.length ? el('ul', { id: 'stage-hands' }, ...invites) : '')];
  }

  /** Everyone in the room sees that the stage is recorded (one node, so that it is announced when it appears, not at
   *  every redraw); its hosts start and stop it. */
  const recordingNote = el('p', { className: 'stage-recording', id: 'stage-recording', role: 'status' });
  function recordingLine() {
    recordingNote.textContent = `● ${t('stage.recordingOn')}`;
    return recording.recording ? [recordingNote] : [];
  }

  function recordControl() {
    if (!ctx.isHost() || ctx.state?.room?.sessionId == null) return [];  // a session room: its replay goes on the session's page
    if (!recording.available) return [el('p', { className: 'note', id: 'stage-record-unavailable', textContent: t('stage.recordUnavailable') })];
    if (!recording.recording && ctx.state?.room?.state !== 'live') {
      return [el('p', { className: 'note', id: 'stage-record-later', textContent: t('stage.recordWhenLive') })];
    }
    const on = !recording.recording;
    // The last recording gave no replay (stage.recording's problem): said to the hosts, until they record again.
    const problem = recording.problem && !recording.recording
      ? [el('p', { className: 'note', id: 'stage-record-problem', role: 'alert',
        textContent: t(recording.problem === 'empty' ? 'stage.recordEmpty' : 'stage.recordNotStored') })]
      : [];
    return [...problem, el('div', { className: 'stage-controls' }, button('stage-record', t(on ? 'stage.recordStart' : 'stage.recordStop'), () => {
      socket.request('stage.record', { roomId: ctx.roomId, on }, { retry: false }).then(setRecording).catch(fail);
    }))];
  }

  function setRecording(next) {
    recording = asRecording(next);
    render();
  }

  function render() {
    if (closed) return;
    if (!view.available) { node.replaceChildren(); return; }
    renderGrid();
    keepFocus(node, () => node.replaceChildren(el('h2', { textContent: t('stage.title') }), ...recordingLine(), grid, status, ...controls(),
      ...recordControl(), ...hostPanel()));
  }

  return {
    /** A StageView (the snapshot's `stage`, or a `stage.feeds` event). */
    set(next) {
      view = { available: Boolean(next?.available), feeds: next?.feeds ?? [], speakers: next?.speakers ?? [], maxSpeakers: next?.maxSpeakers ?? 0 };
      if (next?.recording) recording = asRecording(next.recording);
      // A feed of this page that was listed and is no more ended on the server.
      for (const [kind, entry] of Object.entries(sending)) {
        if (view.feeds.some((feed) => feed.feedId === entry.feedId)) entry.listed = true;
        else if (entry.listed) feedEnded(kind);
      }
      if (!mayGoLive() && !sending.camera) stopPreview();
      render();
      if (view.available) rewatch();
    },
    /** The event `stage.recording`. */
    setRecording,
    render,
    close() {
      closed = true;
      for (const kind of Object.keys(sending)) stop(kind, { quiet: true });
      unwatch();
      stopPreview();
    },
  };
}
