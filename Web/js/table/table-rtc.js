// The 1:1 video call of a meeting table: camera and microphone, one RTCPeerConnection, and signalling through
// `rtc.signal {meetingId, to, kind, payload}` (relayed by the server to the partner's `user:` topic only).
//
// Who offers: whoever arrives while the other is already at the table (the room's presence count is 2), and the
// person with the lower user id again when the connection fails. Both may offer at once (glare): the lower id
// keeps its offer and sends it again, the higher id ("polite") drops its own and answers. Every offer starts a
// fresh connection with a new `sid` carried by its answer and candidates, so signals of an older attempt (a
// reload, a hang-up) are ignored. Payloads: offer/answer `{sid, description}`, candidate `{sid, candidate}`, bye `{}`.
//
// A connection that cannot work fails here even where the browser would wait for ever (rtc-watch.js). After a
// failure the offerer tries again, later each time (RETRY_MS), and at once when the other arrives again.
import { candidateRoute, iceConfig, watchConnection } from '../rtc-watch.js';

const GOOD = new Set(['connected', 'connecting', 'new']);
const RETRY_MS = [2000, 5000, 10000, 20000, 30000];

/**
 * options: `socket, meetingId, me, partner (user id), rtcConfig()` (media.config's `{iceServers, iceTransportPolicy}`,
 * read for each new RTCPeerConnection and given to it as they are), callbacks `onState(state)` (a connectionState, or
 * "idle" / "closed"), `onRoute(type)` (the candidate type the connected call goes through: "relay", "host", "srflx",
 * "prflx"), `onLocal(stream|null)`, `onRemote(stream|null)`, `onMedia(status)` ("ok" | "audio-only" | "denied" |
 * "missing"), `onNotice(kind)` ("partner-left"), `onCamera(on)` (the other turned their camera on or off).
 */
export function createCall(options) {
  const { socket, meetingId, me, partner } = options;
  const polite = me > partner;
  const rtcConfig = () => iceConfig(options.rtcConfig?.());
  let pc = null;
  let watch = null;         // pc's rtc-watch
  let retryTimer = null;
  let failures = 0;         // in a row, for the delay before the next try
  let sid = null;
  let queued = [];          // candidates that came before the remote description
  let local = null;         // MediaStream
  let mediaReady = null;    // promise
  let makingOffer = false;
  let hungUp = false;
  let present = 0;
  let destroyed = false;

  const call = (name, ...args) => { try { options[name]?.(...args); } catch (error) { console.error(error); } };
  const signal = (kind, payload) => socket.request('rtc.signal', { meetingId, to: partner, kind, payload }, { retry: false })
    .catch((error) => console.warn('rtc.signal', kind, error.code));
  const newSid = () => `${me}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  async function getMedia() {
    if (!navigator.mediaDevices?.getUserMedia) { call('onMedia', 'missing'); return null; }
    try {
      local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } });
      call('onMedia', 'ok');
    } catch (error) {
      if (error?.name === 'NotAllowedError' || error?.name === 'SecurityError') { call('onMedia', 'denied'); return null; }
      try { // no camera (or it is busy): the microphone alone is still a call
        local = await navigator.mediaDevices.getUserMedia({ audio: true });
        call('onMedia', 'audio-only');
      } catch (second) {
        call('onMedia', second?.name === 'NotAllowedError' ? 'denied' : 'missing');
        return null;
      }
    }
    if (destroyed) { stopLocal(); return null; }
    call('onLocal', local);
    return local;
  }

  function stopLocal() {
    local?.getTracks().forEach((track) => track.stop());
    local = null;
    call('onLocal', null);
  }

  function closePc() {
    watch?.stop();
    watch = null;
    if (!pc) return;
    const old = pc;
    pc = null;
    old.onicecandidate = old.ontrack = null;
    try { old.close(); } catch { /* closed already */ }
    call('onRemote', null);
  }

  function newPc(id, { offering }) {
    closePc();
    sid = id;
    queued = [];
    const conn = new RTCPeerConnection(rtcConfig());
    pc = conn;
    if (local) for (const track of local.getTracks()) conn.addTrack(track, local);
    if (offering) { // ask for what we do not send, so a person without a camera still sees and hears the other
      if (!local?.getAudioTracks().length) conn.addTransceiver('audio', { direction: 'recvonly' });
      if (!local?.getVideoTracks().length) conn.addTransceiver('video', { direction: 'recvonly' });
    }
    conn.onicecandidate = (event) => {
      if (!event.candidate?.candidate || conn !== pc) return;
      signal('candidate', { sid: id, candidate: event.candidate.toJSON() });
    };
    conn.ontrack = (event) => { if (conn === pc) call('onRemote', event.streams[0] ?? new MediaStream([event.track])); };
    watch = watchConnection(conn, {
      onFail: () => fail(conn),
      onState: (state) => { if (conn === pc) call('onState', state); },
      onConnected: () => {
        if (conn !== pc) return;
        tellCamera();
        failures = 0;
        candidateRoute(conn).then((type) => { if (type && conn === pc) call('onRoute', type); });
      },
    });
    call('onState', conn.connectionState);
    return conn;
  }

  /** Tells the other whether our camera is on (their page shows our name card when it is not). */
  function tellCamera() {
    signal('camera', { on: Boolean(local?.getVideoTracks().some((track) => track.enabled && track.readyState === 'live')) });
  }

  /** Both descriptions are set: from now on the call has CONNECT_MS to connect. */
  function described(conn) {
    if (conn === pc) watch?.described();
  }

  function fail(conn) {
    if (conn !== pc) return;
    closePc();
    call('onState', 'failed');
    if (polite || hungUp || destroyed) return;
    clearTimeout(retryTimer);
    const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
    failures += 1;
    retryTimer = setTimeout(() => { if (present >= 2 && !GOOD.has(pc?.connectionState)) offer(); }, delay);
  }

  async function offer() {
    if (hungUp || destroyed) return;
    await mediaReady;
    if (hungUp || destroyed) return;
    const conn = newPc(newSid(), { offering: true });
    makingOffer = true;
    try {
      await conn.setLocalDescription(await conn.createOffer());
      if (conn === pc) signal('offer', { sid, description: conn.localDescription.toJSON() });
    } catch (error) {
      console.warn('offer', error);
    } finally { makingOffer = false; }
  }

  async function flushCandidates() {
    for (const candidate of queued.splice(0)) {
      try { await pc?.addIceCandidate(candidate); } catch (error) { console.warn('candidate', error); }
    }
  }

  async function onOffer(payload) {
    if (hungUp || !payload?.description) return;
    await mediaReady;
    if (pc && payload.sid === sid) return; // the same offer again (sent after a glare): already answered
    const collision = pc && payload.sid !== sid && (makingOffer || pc.signalingState !== 'stable');
    if (collision && !polite) {
      // Ours wins; the other may never have had it (it arrived later): send it again.
      if (pc.localDescription && pc.signalingState === 'have-local-offer') signal('offer', { sid, description: pc.localDescription.toJSON() });
      return;
    }
    const conn = newPc(payload.sid, { offering: false });
    try {
      await conn.setRemoteDescription(payload.description);
      await flushCandidates();
      await conn.setLocalDescription(await conn.createAnswer());
      described(conn);
      if (conn === pc) signal('answer', { sid: payload.sid, description: conn.localDescription.toJSON() });
    } catch (error) { console.warn('answer', error); }
  }

  async function onSignal(data) {
    if (destroyed || data?.meetingId !== meetingId || data.from !== partner) return;
    const payload = data.payload ?? {};
    if (data.kind === 'offer') return onOffer(payload);
    if (data.kind === 'answer') {
      if (pc && payload.sid === sid && pc.signalingState === 'have-local-offer') {
        try {
          const conn = pc;
          await conn.setRemoteDescription(payload.description);
          described(conn);
          await flushCandidates();
        } catch (error) { console.warn('remote answer', error); }
      }
    } else if (data.kind === 'candidate') {
      if (!pc || payload.sid !== sid || !payload.candidate) return;
      if (pc.remoteDescription) {
        try { await pc.addIceCandidate(payload.candidate); } catch (error) { console.warn('candidate', error); }
      } else queued.push(payload.candidate);
    } else if (data.kind === 'camera') {
      call('onCamera', payload.on === true);
    } else if (data.kind === 'bye') {
      closePc();
      sid = null;
      call('onState', 'closed');
      call('onNotice', 'partner-left');
    }
  }

  /** The table's presence count changed (or a snapshot came): decide whether to offer. */
  function setPresent(count, { arrived = false } = {}) {
    present = count;
    if (hungUp || count < 2) return;
    const state = pc?.connectionState;
    if (arrived) { if (!pc || !['connected', 'connecting'].includes(state)) offer(); return; }
    if (!polite && (!pc || !GOOD.has(state))) offer();
  }

  return {
    /** Starts the camera and microphone. */
    start() {
      mediaReady ??= getMedia();
      call('onState', 'idle');
      return mediaReady;
    },
    onSignal,
    setPresent,
    get hungUp() { return hungUp; },
    /** Turns the microphone or the camera on or off; returns whether it is now on. */
    toggle(kind) {
      const tracks = kind === 'audio' ? local?.getAudioTracks() : local?.getVideoTracks();
      if (!tracks?.length) return false;
      const on = !tracks[0].enabled;
      for (const track of tracks) track.enabled = on;
      if (kind === 'video' && pc?.connectionState === 'connected') tellCamera();
      return on;
    },
    hasTrack: (kind) => Boolean((kind === 'audio' ? local?.getAudioTracks() : local?.getVideoTracks())?.length),
    /** Ends the call for both (bye) and stops the camera; `again()` starts over. */
    hangUp() {
      if (hungUp) return;
      hungUp = true;
      clearTimeout(retryTimer);
      signal('bye', {});
      closePc();
      sid = null;
      stopLocal();
      mediaReady = null;
      call('onState', 'closed');
    },
    async again() {
      hungUp = false;
      mediaReady = getMedia();
      await mediaReady;
      if (present >= 2) offer(); else call('onState', 'idle');
    },
    destroy() {
      if (destroyed) return;
      if (!hungUp && pc) signal('bye', {});
      destroyed = true;
      clearTimeout(retryTimer);
      closePc();
      stopLocal();
    },
  };
}
