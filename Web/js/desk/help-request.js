// What the "Need help?" panel knows of the person's request to the welcome desk: the ticket shown (open, or just
// closed) with its messages, the replies not read yet, the desk's hours (guide.now), the error shown, whether a
// question or a reply is on its way, and the FAQ entries suggested for the question being typed. State only: each
// change is a function here; help.js talks to the server and draws.

/** How long a question must be before the FAQ is asked for entries like it. */
export const FAQ_HINT_MIN = 3;

export function helpRequest(unread = 0) {
  return {
    ticket: null,    // TicketView of the request shown (open, or just closed)
    messages: [],    // DeskMessage of that ticket
    unread,
    desk: null,      // guide.now's desk status
    error: null,     // the error shown
    busy: false,
    faqAsked: '',    // the question the FAQ was last asked for
    faqEntries: [],

    /** A request is open: waiting or claimed. */
    active() { return Boolean(this.ticket && this.ticket.state !== 'resolved'); },
    /**
     * The server's ticket (`me`: the person's id): the open one, or the one shown if it has just been closed;
     * `transcript`: its messages when they came with it. False when it is not one to show.
     */
    adopt(next, transcript, me) {
      if (!next || next.asker?.id !== me) return false;
      if (this.ticket && next.id !== this.ticket.id && next.state === 'resolved') return false; // an older one
      if (!this.ticket && next.state === 'resolved' && !transcript) return false;
      if (this.ticket?.id !== next.id) this.messages = [];
      this.ticket = { ...(this.ticket?.id === next.id ? this.ticket : {}), ...next };
      if (transcript) this.messages = transcript;
      return true;
    },
    /** No request shown: another one comes. */
    clear() { this.ticket = null; this.messages = []; },
    /** The person starts afresh after a closed request. */
    again() { this.clear(); this.error = null; },
    /** A message of the request shown, once; true when it is new. */
    addMessage(m) {
      if (!this.ticket || m.ticketId !== this.ticket.id || this.messages.some((x) => x.id === m.id)) return false;
      this.messages = [...this.messages, m];
      return true;
    },
    /** desk.position: the waiting request's new place and estimate; true when it is the request shown. */
    moved(data) {
      if (!this.ticket || data.ticketId !== this.ticket.id || this.ticket.state !== 'waiting') return false;
      this.ticket = { ...this.ticket, position: data.position, estimatedWaitMs: data.estimatedWaitMs };
      return true;
    },
    /** The request was closed meanwhile (the server said conflict); false when none is shown. */
    closedMeanwhile() {
      if (!this.ticket) return false;
      this.ticket = { ...this.ticket, state: 'resolved' };
      return true;
    },
    /** Everything read: desk.read's data for the server (null when there is nothing to mark). */
    read() {
      this.unread = 0;
      const upTo = this.messages.at(-1)?.id;
      return this.ticket && upTo ? { ticketId: this.ticket.id, upTo } : null;
    },
    /** desk.read from another tab or device: true when it read up to the last message. */
    readElsewhere(upTo) {
      if (upTo >= (this.messages.at(-1)?.id ?? 0)) { this.unread = 0; return true; }
      return false;
    },
    setUnread(count) { this.unread = count; },
    /** One more reply the person has not seen. */
    countUnread() { this.unread += 1; },
    setDesk(desk) { this.desk = desk ?? null; },
    /** A question, a reply or a close is on its way. */
    sending() { this.busy = true; this.error = null; },
    settled() { this.busy = false; },
    failed(error) { this.error = error; },
    /** The FAQ is to be asked for `q`: false when it already was. */
    askFaq(q) {
      if (q === this.faqAsked) return false;
      this.faqAsked = q;
      return true;
    },
    /** faq.list's reply for `q`: true when `q` is still the question asked. */
    faqFound(q, reply) {
      if (this.faqAsked !== q) return false;
      this.faqEntries = Array.isArray(reply.entries) ? reply.entries : [];
      return true;
    },
    clearFaq() { this.faqEntries = []; },
    /** The entries to suggest under the question `typed` (none once a request is open). */
    faqHints(typed) { return !this.active() && typed.trim().length >= FAQ_HINT_MIN ? this.faqEntries.slice(0, 3) : []; },
  };
}
