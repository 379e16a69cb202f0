// The one owner of the WebSocket: request ids and replies, idempotency keys kept across retries,
// reconnect with backoff and full jitter, re-subscribe with `since`, duplicate-free events, pings,
// and the connection status ("connecting" on the first try, "online" after hello, else "offline").
import { protocolError } from './errors.js';

/** Request types that create something: they get an idempotency key unless one is given. */
const CREATING = new Set(['announce', 'chat.send', 'dm.send', 'question.ask', 'meeting.request',
  'desk.ask', 'desk.message', 'feed.post', 'feed.comment', 'poll.create']);
const TRANSIENT = new Set(['unavailable', 'rate_limited', 'internal']);
const BACKOFF_MS = 500;
const BACKOFF_CAP_MS = 15000;
// A loss the browser does not report (no "offline" event: a tunnel, a dead uplink) shows within 20 s.
const PING_EVERY_MS = 10000;
const PING_TIMEOUT_MS = 10000;
const MAX_FRAME_BYTES = 64 * 1024;
const fail = (code) => protocolError({ code });

/** A fresh idempotency key: a UUID in secure contexts, random hex otherwise (plain http). */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class SeminarSocket {
  #opts;
  #ws = null;
  #status = 'offline';
  #stopped = true;
  #failedSinceConnect = false;
  #ready = false;          // hello succeeded on the current connection
  #nextId = 1;
  #outbox = [];            // requests waiting for a ready connection
  #inflight = new Map();   // id → entry, current connection only
  #subs = new Map();       // topic → { listeners, enter, leave, lastSeq, pending, buffer, waiters }
  #attempt = 0;
  #failedOpens = 0;
  #connection = 0;         // hellos that succeeded: a new number after each reconnect
  #timers = {};

  /**
   * options: `url` (default ws(s)://<host>/ws), `onStatus(status)`, `onHello(helloData)`, `onUnauthenticated()`
   * (session gone; the socket has stopped), `probeAuth() → Promise<boolean>` (false = signed out), asked
   * after failed upgrades since the browser hides why they failed.
   */
  constructor(options = {}) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#opts = { ...options, url: options.url || `${scheme}//${location.host}/ws` };
  }

  get status() { return this.#status; }

  /** Which connection the socket is on (1, 2, …): what the server tied to an earlier one ended with it. */
  get connection() { return this.#connection; }

  /** Opens the connection and keeps it open until close(). */
  connect() {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#failedSinceConnect = false;
    this.#attempt = 0;
    addEventListener('online', this.#onWindowOnline);
    addEventListener('offline', this.#onWindowOffline);
    this.#open();
  }

  /** Closes for good (sign-out); waiting requests are rejected with code "unavailable". */
  close() { this.#stop('unavailable'); }

  /**
   * Sends a request; resolves with the reply's `data`, rejects with an Error carrying `.code`, `.field`,
   * `.retryAfterMs`, `.detail`. While offline it waits and is sent after reconnect + hello; if the
   * connection drops before the reply it is sent again with the same idempotency key. `key`: a string,
   * or true to generate one (creating types get one anyway). `retry: false`: reject on a drop instead.
   */
  request(type, data = {}, { key, retry = true } = {}) {
    if (key === true || (key === undefined && CREATING.has(type))) key = newKey();
    return new Promise((resolve, reject) => {
      this.#outbox.push({
        type, data, key: key || undefined, retry, fail: reject,
        onReply: (msg) => (msg.ok ? resolve(msg.data ?? {}) : reject(protocolError(msg.error))),
      });
      this.#flush();
    });
  }

  /**
   * Follows `topic`. After each successful subscribe `onSnapshot(snapshot, {resumed, seq})` runs;
   * `resumed` means the server accepted our `since`: missed events follow (they may also be in the
   * snapshot, so areas de-duplicate by id). `onEvent(event)` gets each event once, in seq order.
   * Resolves with the first reply; rejects (and forgets the topic) on e.g. "forbidden".
   *
   * Several listeners may follow one topic (each call adds one; a later one gets its own snapshot, taken
   * by subscribing again with our `since`, so the earlier ones lose nothing). Options: `enter: {type,
   * data}` subscribes with that request instead of `subscribe` (e.g. `room.enter {roomId}`, which replies
   * like subscribe; `since` is added on reconnect), `leave: {type, data}` is sent instead of
   * `unsubscribe`, and `onError(error)` runs when a later re-subscribe (after a reconnect) is refused.
   * `onEnded({topic, reason})` runs when the server ends the subscription (`subscription.ended`, e.g. `reason:
   * "role"` after the person's role changed): the topic is forgotten and not asked for again on reconnect. Without
   * `onEnded`, `onError` hears it as a `forbidden` error with `detail` the reason.
   */
  subscribe(topic, onEvent, onSnapshot, { enter = null, leave = null, onError = null, onEnded = null } = {}) {
    return new Promise((resolve, reject) => {
      const listener = { onEvent, onSnapshot, onError, onEnded, fresh: true };
      let sub = this.#subs.get(topic);
      if (sub) {
        sub.listeners.push(listener);
        sub.waiters.push({ resolve, reject, listener });
        if (this.#ready && !sub.pending) this.#sendSubscribe(sub);
        return;
      }
      sub = { topic, enter, leave, listeners: [listener], lastSeq: null, pending: false, buffer: [], waiters: [{ resolve, reject, listener }] };
      this.#subs.set(topic, sub);
      if (this.#ready) this.#sendSubscribe(sub);
    });
  }

  /**
   * Stops following `topic`: only the listener whose `onEvent` is given, or every listener. The server is
   * told (`unsubscribe`, or the topic's `leave` request) when the last one goes.
   */
  unsubscribe(topic, onEvent) {
    const sub = this.#subs.get(topic);
    if (!sub) return;
    if (onEvent) {
      sub.listeners = sub.listeners.filter((l) => l.onEvent !== onEvent);
      if (sub.listeners.length) return;
    }
    this.#subs.delete(topic);
    if (this.#ready) this.#send(sub.leave ? { type: sub.leave.type, data: sub.leave.data } : { type: 'unsubscribe', data: { topic } });
  }

  #open() {
    clearTimeout(this.#timers.retry);
    if (this.#stopped || this.#ws) return;
    this.#setStatus(this.#failedSinceConnect ? 'offline' : 'connecting');
    let ws;
    try { ws = new WebSocket(this.#opts.url); } catch { this.#drop(0, false); return; }
    let opened = false;
    this.#ws = ws;
    this.#ready = false;
    this.#nextId = 1;
    ws.onopen = () => {
      if (ws !== this.#ws) return;
      opened = true;
      this.#failedOpens = 0;
      this.#send({ type: 'hello', data: {}, onReply: (msg) => this.#onHello(msg) });
    };
    ws.onmessage = (event) => { if (ws === this.#ws) this.#onMessage(event.data); };
    ws.onclose = (event) => { if (ws === this.#ws) this.#drop(event.code, opened); };
  }

  #onHello(msg) {
    if (!msg.ok) {
      if (msg.error?.code === 'unauthenticated') this.#signedOut();
      else this.#abandon();
      return;
    }
    this.#ready = true;
    this.#connection += 1;
    this.#attempt = 0;
    this.#setStatus('online');
    this.#call('onHello', msg.data ?? {});
    this.#timers.ping = setInterval(() => this.#ping(), PING_EVERY_MS);
    for (const sub of this.#subs.values()) this.#sendSubscribe(sub);
    this.#flush();
  }

  /** The connection ended: unanswered requests go back to the front of the outbox; retry later. */
  #drop(closeCode, opened) {
    this.#ws = null;
    this.#ready = false;
    clearInterval(this.#timers.ping);
    clearTimeout(this.#timers.pingDeadline);
    this.#timers.pingDeadline = null;
    const unanswered = [...this.#inflight.keys()].sort((a, b) => a - b).map((id) => this.#inflight.get(id));
    this.#inflight.clear();
    const again = [];
    for (const entry of unanswered) {
      if (!entry.fail) continue; // hello, ping, subscribe…: redone after the next hello
      // 1009: a frame of ours was too large for the server; sending it again would loop forever.
      if (closeCode === 1009) entry.fail(fail('too_large'));
      else if (!entry.retry) entry.fail(fail('unavailable'));
      else again.push(entry);
    }
    this.#outbox.unshift(...again);
    for (const sub of this.#subs.values()) { sub.pending = false; sub.buffer = []; }
    if (this.#stopped) return;
    this.#failedSinceConnect = true;
    this.#setStatus('offline');
    if (!opened && ++this.#failedOpens >= 2 && this.#opts.probeAuth) {
      Promise.resolve(this.#opts.probeAuth())
        .then((ok) => { if (ok === false && !this.#stopped) this.#signedOut(); }, () => {});
    }
    const delay = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_MS * 2 ** this.#attempt++);
    this.#timers.retry = setTimeout(() => this.#open(), delay);
  }

  /** Gives up on the current connection now, without waiting for a close handshake that may never come. */
  #abandon(code = 4000) {
    const ws = this.#ws;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try { ws.close(code); } catch { /* already closing */ }
    this.#drop(code, true);
  }

  #stop(code) {
    this.#stopped = true;
    removeEventListener('online', this.#onWindowOnline);
    removeEventListener('offline', this.#onWindowOffline);
    clearTimeout(this.#timers.retry);
    this.#abandon(1000);
    for (const entry of this.#outbox.splice(0)) entry.fail(fail(code));
    for (const sub of this.#subs.values()) sub.waiters.forEach((w) => w.reject(fail(code)));
    this.#subs.clear();
    this.#setStatus('offline');
  }

  #signedOut() {
    this.#stop('unauthenticated');
    this.#call('onUnauthenticated');
  }

  #onWindowOnline = () => {
    if (this.#stopped) return;
    if (!this.#ws) { this.#attempt = 0; this.#open(); } else if (this.#ready) this.#ping();
  };

  #onWindowOffline = () => { if (!this.#stopped) this.#abandon(); };

  #setStatus(status) {
    if (status === this.#status) return;
    this.#status = status;
    this.#call('onStatus', status);
  }

  #call(name, ...args) {
    try { this.#opts[name]?.(...args); } catch (error) { console.error(error); }
  }

  #flush() {
    while (this.#ready && this.#outbox.length) this.#send(this.#outbox.shift());
  }

  /** Sends one entry on the current connection; entries without `fail` are internal (no retry). */
  #send(entry) {
    const id = this.#nextId++;
    const text = JSON.stringify(entry.key ? { id, type: entry.type, data: entry.data, key: entry.key }
      : { id, type: entry.type, data: entry.data });
    if (new Blob([text]).size > MAX_FRAME_BYTES) { entry.fail?.(fail('too_large')); return; }
    entry.onReply ??= () => {};
    this.#inflight.set(id, entry);
    try { this.#ws.send(text); } catch { /* closing: #drop will retry it */ }
  }

  #onMessage(raw) {
    let msg;
    try { msg = JSON.parse(raw); } catch { return; }
    if (!msg || typeof msg !== 'object') return;
    if ('re' in msg) {
      const entry = this.#inflight.get(msg.re);
      if (!entry) return;
      this.#inflight.delete(msg.re);
      entry.onReply(msg);
      if (msg.error?.code === 'unauthenticated' && entry.type !== 'hello') this.#signedOut();
    } else if (msg.type === 'subscription.ended') {
      this.#ended(msg.data ?? {}, msg.topic);
    } else if (typeof msg.topic === 'string') {
      this.#deliver(msg);
    } else if (msg.type === 'error') {
      console.warn('server error event', msg.data);
    }
  }

  #ping() {
    if (!this.#ready || this.#timers.pingDeadline) return;
    this.#timers.pingDeadline = setTimeout(() => { this.#timers.pingDeadline = null; this.#abandon(); }, PING_TIMEOUT_MS);
    this.#send({ type: 'ping', data: {}, onReply: () => {
      clearTimeout(this.#timers.pingDeadline);
      this.#timers.pingDeadline = null;
    } });
  }

  #sendSubscribe(sub) {
    const since = sub.lastSeq;
    sub.pending = true;
    sub.buffer = [];
    const base = sub.enter ? sub.enter.data : { topic: sub.topic };
    const data = since == null ? { ...base } : { ...base, since };
    this.#send({ type: sub.enter ? sub.enter.type : 'subscribe', data, onReply: (msg) => {
      if (this.#subs.get(sub.topic) !== sub) return; // unsubscribed meanwhile
      sub.pending = false;
      if (msg.ok) return this.#subscribed(sub, since, msg.data ?? {});
      const error = protocolError(msg.error);
      if (error.code === 'conflict' && error.detail === 'resync') {
        sub.lastSeq = null; // older than the server keeps: start again from a fresh snapshot
        this.#sendSubscribe(sub);
      } else if (TRANSIENT.has(error.code)) {
        setTimeout(() => {
          if (this.#subs.get(sub.topic) === sub && this.#ready && !sub.pending) this.#sendSubscribe(sub);
        }, error.retryAfterMs || 2000);
      } else {
        this.#subs.delete(sub.topic);
        const waiting = sub.waiters.splice(0);
        waiting.forEach((w) => w.reject(error));
        // Listeners that were already following (a re-subscribe after a reconnect) hear it here.
        for (const listener of sub.listeners) {
          if (waiting.some((w) => w.listener === listener)) continue;
          try { listener.onError?.(error); } catch (e) { console.error(e); }
        }
      }
    } });
  }

  #subscribed(sub, since, reply) {
    const latest = typeof reply.seq === 'number' ? reply.seq : null;
    // A topic whose latest seq is below ours was reset on the server: take the snapshot as new.
    const resumed = since != null && !(latest != null && latest < since);
    if (!resumed) sub.lastSeq = latest;
    const buffered = sub.buffer;
    sub.buffer = [];
    for (const listener of sub.listeners) {
      // A listener that joined since the last snapshot has nothing to resume from.
      const info = { resumed: resumed && !listener.fresh, seq: latest };
      listener.fresh = false;
      try { listener.onSnapshot?.(reply.snapshot ?? {}, info); } catch (error) { console.error(error); }
    }
    sub.waiters.splice(0).forEach((w) => w.resolve(reply));
    buffered.forEach((event) => this.#deliver(event));
  }

  /** The server ended a subscription: forget the topic (no re-subscribe on reconnect) and tell its listeners. */
  #ended(data, frameTopic) {
    const topic = typeof data.topic === 'string' ? data.topic : frameTopic;
    const sub = this.#subs.get(topic);
    if (!sub) return;
    this.#subs.delete(topic);
    const reason = typeof data.reason === 'string' ? data.reason : null;
    const error = () => protocolError({ code: 'forbidden', detail: reason });
    const waiting = sub.waiters.splice(0);
    waiting.forEach((w) => w.reject(error()));
    for (const listener of sub.listeners) {
      if (waiting.some((w) => w.listener === listener)) continue;
      try {
        if (listener.onEnded) listener.onEnded({ topic, reason });
        else listener.onError?.(error());
      } catch (e) { console.error(e); }
    }
  }

  #deliver(event) {
    const sub = this.#subs.get(event.topic);
    if (!sub) return;
    if (sub.pending) { sub.buffer.push(event); return; } // wait for the snapshot they follow
    if (typeof event.seq === 'number') {
      if (sub.lastSeq != null && event.seq <= sub.lastSeq) return; // already seen
      sub.lastSeq = event.seq;
    }
    for (const listener of sub.listeners) {
      try { listener.onEvent?.(event); } catch (error) { console.error(error); }
    }
  }
}
