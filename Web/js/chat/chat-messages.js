// The messages of one room's chat, oldest first, as the server tells them: a snapshot's latest (merged with those
// already here when the subscription resumed), live ones, deleted ones, older pages fetched backwards. State only:
// chat.js draws it.

/** A snapshot holds the latest `page` messages: a full one says there may be older ones. */
export function chatMessages({ page = 50 } = {}) {
  let list = [];
  let more = false;
  const byId = (id) => list.find((m) => m.id === id);
  return {
    get list() { return list; },
    /** Whether older messages may be asked for (chat.history). */
    get more() { return more; },
    byId,
    clear() { list = []; more = false; },
    setSnapshot(chat, resumed) {
      const incoming = new Map(chat.map((m) => [m.id, m]));
      list = resumed ? [...list.filter((m) => !incoming.has(m.id)), ...chat].sort((a, b) => a.id - b.id) : chat.slice();
      if (!resumed) more = chat.length >= page;
    },
    /** A live message; false when it is already here. */
    add(message) {
      if (!message || byId(message.id)) return false;
      list.push(message);
      return true;
    },
    remove(id) { list = list.filter((m) => m.id !== id); },
    /** An older page (chat.history's reply) goes before the rest. */
    prepend(older, hasMore) {
      const known = new Set(list.map((m) => m.id));
      list = [...older.filter((m) => !known.has(m.id)), ...list];
      more = Boolean(hasMore);
    },
  };
}
