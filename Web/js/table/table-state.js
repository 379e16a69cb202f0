// What a meeting's table knows: the meeting (its slot, the other person, who has checked in), the check-in window
// as last shown, the ICE servers to call with (media.config), how many room snapshots came (one more is a
// reconnect), and the call as the page shows it: the connection's state, what the other said of their camera, and
// what the browser gave of camera and microphone. State only: each change is a function here; table.js talks to the
// server and draws.

// The server opens a table for check-in this long before its slot (CheckInWindow in SeminarCore) and until its end.
export const CHECKIN_OPENS_MS = 10 * 60000;

/** 'early' | 'open' | 'over' for a slot at `now`. */
function checkinPhase(slot, now = Date.now()) {
  if (now < Date.parse(slot.startsAt) - CHECKIN_OPENS_MS) return 'early';
  return now < Date.parse(slot.endsAt) ? 'open' : 'over';
}

export function tableState(meetingId) {
  return {
    meetingId,
    meeting: null,
    phase: null,         // the check-in window as last shown: early, open, over
    rtc: null,           // media.config's reply: {iceServers, iceTransportPolicy}
    snapshots: 0,
    connection: 'idle',  // pc.connectionState, or idle / closed
    theirCamera: null,   // what the other said of their camera (rtc.signal camera {on}); null: not said
    media: null,         // the camera and microphone: ok, audio-only, or why there are none (table-rtc.js)

    /** The meeting from meeting.list (null when the person has none with this id). */
    found(meeting) { this.meeting = meeting ?? null; },
    /** meeting.checkin's reply. */
    checkedIn(meeting) { this.meeting = { ...this.meeting, ...meeting }; },
    /** meeting.checkedin: the other person (or the person on another device) checked in; true when it is this table's. */
    someoneCheckedIn(data, me) {
      if (data.meetingId !== this.meetingId) return false;
      if (data.userId === this.meeting.with.id) this.meeting.otherCheckedIn = true;
      else if (data.userId === me) this.meeting.checkedIn = true;
      return true;
    },
    /** The check-in window now, kept as the one shown. */
    showPhase() { this.phase = checkinPhase(this.meeting.slot); return this.phase; },
    /** The check-in window opened or closed since it was shown. */
    phaseMoved() { return this.phase !== checkinPhase(this.meeting.slot); },
    /** When check-in opens, as an ISO date. */
    checkinOpens() { return new Date(Date.parse(this.meeting.slot.startsAt) - CHECKIN_OPENS_MS).toISOString(); },
    setRtc(reply) { this.rtc = { iceServers: reply.iceServers ?? [], iceTransportPolicy: reply.iceTransportPolicy ?? 'all' }; },
    /** meeting.list's ICE servers, when media.config failed and nothing better is known. */
    fallbackRtc(iceServers) { this.rtc = { iceServers: iceServers ?? [], iceTransportPolicy: 'all' }; },
    /** Whether the ICE servers include a TURN relay with credentials. */
    hasRelay() {
      return (this.rtc?.iceServers ?? []).some((server) => server.credential
        && [].concat(server.urls ?? []).some((url) => /^turns?:/.test(url)));
    },
    /** A room snapshot came: true after a reconnect (not the first). */
    snapshot() { return this.snapshots++ > 0; },
    setConnection(value) { this.connection = value; },
    setTheirCamera(on) { this.theirCamera = on; },
    setMedia(status) { this.media = status; },
  };
}
