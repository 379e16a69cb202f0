// What every WebRTC connection of the client shares (the 1:1 table, the stage): the ICE configuration from
// media.config as it is, and a watch that fails a connection the browser would leave waiting for ever: one that
// gathered no candidate at all (a relay that refused its credentials while the relay is forced), one the browser
// calls failed, or one not connected CONNECT_MS after both descriptions were set.

export const CONNECT_MS = 30000;

/** media.config's `{iceServers, iceTransportPolicy}` for `new RTCPeerConnection`. */
export function iceConfig(config) {
  return { iceServers: config?.iceServers ?? [], iceTransportPolicy: config?.iceTransportPolicy === 'relay' ? 'relay' : 'all' };
}

/**
 * Watches `conn`: `onFail()` once when it cannot work, `onState(connectionState)` on each other change,
 * `onConnected()` when connected. Returns `{described(), stop()}`: call `described` once both descriptions are set.
 */
export function watchConnection(conn, { onFail, onState, onConnected }) {
  let gathered = 0;
  let timer = null;
  let done = false;
  const fail = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    onFail();
  };
  conn.addEventListener('icecandidate', (event) => { if (event.candidate?.candidate) gathered += 1; });
  conn.addEventListener('icegatheringstatechange', () => { if (conn.iceGatheringState === 'complete' && gathered === 0) fail(); });
  conn.addEventListener('connectionstatechange', () => {
    if (done) return;
    const state = conn.connectionState;
    if (state === 'failed') { fail(); return; }
    onState?.(state);
    if (state === 'connected') { clearTimeout(timer); onConnected?.(); }
  });
  return {
    described() {
      clearTimeout(timer);
      timer = setTimeout(() => { if (conn.connectionState !== 'connected') fail(); }, CONNECT_MS);
    },
    stop() { done = true; clearTimeout(timer); },
  };
}

/** Resolves once `conn` has gathered its candidates (complete SDP, no trickle), or after `ms` with what it has. */
export function gatheringDone(conn, ms = 10000) {
  if (conn.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    conn.addEventListener('icegatheringstatechange', () => {
      if (conn.iceGatheringState === 'complete') { clearTimeout(timer); resolve(); }
    });
  });
}

/** The candidate type a connected `conn` goes through on this side ("relay", "host", "srflx", "prflx"), or null. */
export async function candidateRoute(conn) {
  try {
    const stats = await conn.getStats();
    let pair = null;
    stats.forEach((report) => { if (report.type === 'transport' && report.selectedCandidatePairId) pair = stats.get(report.selectedCandidatePairId); });
    stats.forEach((report) => { if (!pair && report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded') pair = report; });
    return (pair && stats.get(pair.localCandidateId)?.candidateType) || null;
  } catch (error) {
    console.warn('getStats', error);
    return null;
  }
}
