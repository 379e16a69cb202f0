// What a person types in a room's box (chat, question) stays with that room: going to another room shows that
// room's own draft, coming back shows this one again, and a draft is gone once sent. Kept for the page's life.

/** Follows `input`; `room()` is the room shown now. */
export function roomDrafts(input, room) {
  const drafts = new Map();
  input.addEventListener('input', () => {
    if (input.value) drafts.set(room(), input.value);
    else drafts.delete(room());
  });
  return {
    /** Shows the draft of the room shown now (empty if none). */
    restore() { input.value = drafts.get(room()) ?? ''; },
    /** The text written in `id` was sent: its draft goes, and the box empties if that room is still shown. */
    sent(id) {
      drafts.delete(id);
      if (room() === id) input.value = '';
    },
  };
}
