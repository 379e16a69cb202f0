// What the agents' console knows of the desk: the tickets waiting and claimed (the `desk` topic), how many agents
// are online, the ticket the agent has open with its conversation, and the unread counts of the others. State only:
// each change is a function here; desk-agent.js talks to the server and draws.

export function agentQueue() {
  return {
    waiting: new Map(),   // id → TicketView
    claimed: new Map(),
    agentsOnline: null,
    selectedId: null,
    transcript: [],       // messages of the selected ticket
    unread: new Map(),    // ticket id → messages the agent has not read yet

    /** A ticket as the server tells it now: it goes to the list of its state (none once resolved). */
    upsert(ticket) {
      if (!ticket || ticket.id == null) return;
      this.waiting.delete(ticket.id);
      this.claimed.delete(ticket.id);
      if (ticket.state === 'waiting') this.waiting.set(ticket.id, ticket);
      else if (ticket.state === 'claimed') this.claimed.set(ticket.id, ticket);
    },
    /** The topic's snapshot (or desk.queue's reply): the whole queue anew. */
    setQueue(snapshot) {
      this.waiting = new Map();
      this.claimed = new Map();
      for (const ticket of snapshot.waiting ?? []) this.upsert(ticket);
      for (const ticket of snapshot.claimed ?? []) this.upsert(ticket);
      this.setOnline(snapshot.agentsOnline);
    },
    setOnline(count) { if (typeof count === 'number') this.agentsOnline = count; },
    selected() { return this.selectedId == null ? null : this.claimed.get(this.selectedId) ?? this.waiting.get(this.selectedId) ?? null; },
    /** Opens a ticket's conversation (its messages come with loadTranscript); true when it was another one. */
    select(ticketId) {
      const other = this.selectedId !== ticketId;
      if (other) this.transcript = [];
      this.selectedId = ticketId;
      this.unread.delete(ticketId);
      return other;
    },
    /** No ticket open (released, resolved, or gone back to the queue). */
    close() { this.selectedId = null; this.transcript = []; },
    setTranscript(messages) { this.transcript = Array.isArray(messages) ? messages : []; },
    /** A message of the open ticket, once. */
    addMessage(m) { if (!this.transcript.some((x) => x.id === m.id)) this.transcript = [...this.transcript, m]; },
    setUnread(ticketId, count) { if (count) this.unread.set(ticketId, count); else this.unread.delete(ticketId); },
    /** One more unread message on a ticket the agent holds but has not open. */
    countUnread(ticketId) { this.unread.set(ticketId, (this.unread.get(ticketId) || 0) + 1); },
    sortedWaiting() {
      return [...this.waiting.values()].sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9) || String(a.createdAt).localeCompare(String(b.createdAt)));
    },
    /** The agent's own tickets first (`mine`), then by when they were claimed. */
    sortedClaimed(mine) {
      return [...this.claimed.values()].sort((a, b) => Number(mine(b)) - Number(mine(a)) || String(a.claimedAt).localeCompare(String(b.claimedAt)));
    },
  };
}
