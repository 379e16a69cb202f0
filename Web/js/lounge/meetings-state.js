// What the meetings page keeps beside the lists lounge-live.js holds (the meetings, the requests received and sent):
// the slot the person chose on each request received, what is open on an item (declining a request, cancelling a
// meeting), and what the lists show now (a redraw with nothing new would only lose the person's place), with the
// order the lists are shown in. State only: each change is a function here; lounge-meetings.js talks to the server
// and draws.

/** Pending requests first, then the newest first. */
const requestOrder = (a, b) => ((a.status === 'pending') === (b.status === 'pending') ? b.id - a.id : (a.status === 'pending' ? -1 : 1));
/** Booked meetings first, then by when they start. */
const meetingOrder = (a, b) => ((a.status === 'booked') === (b.status === 'booked')
  ? Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt) : (a.status === 'booked' ? -1 : 1));

export function meetingsState() {
  return {
    choices: new Map(), // requestId → chosen slot id (kept across redraws)
    open: new Map(),    // `r<requestId>` or `m<meetingId>` → what is open ('decline' / 'cancel')
    drawn: null,        // what the lists show now

    choose(requestId, slotId) { this.choices.set(requestId, slotId); },
    /** The slot ticked on a request received: the person's choice, or its only slot. */
    chosen(request) { return this.choices.get(request.id) ?? (request.slots.length === 1 ? request.slots[0].id : null); },
    cancelling(meetingId) { return this.open.get(`m${meetingId}`) === 'cancel'; },
    declining(requestId) { return this.open.get(`r${requestId}`) === 'decline'; },
    askCancel(meetingId) { this.open.set(`m${meetingId}`, 'cancel'); },
    askDecline(requestId) { this.open.set(`r${requestId}`, 'decline'); },
    /** The meeting is kept, or cancelled. */
    closeMeeting(meetingId) { this.open.delete(`m${meetingId}`); },
    /** The request's decline form is closed, or sent. */
    closeRequest(requestId) { this.open.delete(`r${requestId}`); },
    /**
     * meeting.list's lists (`{ incoming, outgoing, meetings }`) sorted to be drawn, or null when they and what is open
     * are what the page shows already (unless `force`).
     */
    toDraw({ incoming, outgoing, meetings }, force = false) {
      const next = JSON.stringify([incoming, outgoing, meetings, [...this.open], [...this.choices]]);
      if (!force && next === this.drawn) return null;
      this.drawn = next;
      return {
        meetings: [...meetings].sort(meetingOrder),
        incoming: [...incoming].sort(requestOrder),
        outgoing: [...outgoing].sort(requestOrder),
      };
    },
  };
}
