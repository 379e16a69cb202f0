// The room's list of who is there, loaded when the person opens it: the first names (hosts first, with their
// badges) and how many more are in (`room.people`, bounded for big rooms). While it is open it follows people
// coming and going: each `presence` event asks again, at most every 2 s.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { badgeNode } from '../badge.js';
import { avatarNode } from '../avatar.js';

const EVERY_MS = 2000;

/** Fills `box` with the people in room `roomId` and keeps it current. Returns `{ presence(), close() }`. */
export function openPeople(box, { socket, roomId }) {
  let closed = false;
  let last = 0;
  let timer = null;
  const list = el('ul', { className: 'people-list', id: 'people-list' });
  const more = el('p', { className: 'hint people-more' });
  box.replaceChildren(list, more);
  box.hidden = false;

  async function read() {
    last = Date.now();
    try {
      const { people = [], count = 0 } = await socket.request('room.people', { roomId }, { retry: false });
      if (closed) return;
      list.replaceChildren(...people.map((person) => el('li', { dataset: { userId: String(person.id) } }, avatarNode(person, { size: 28 }),
        el('span', { className: 'person-name', textContent: person.displayName }), ' ', badgeNode(person))));
      more.textContent = count > people.length ? t('room.people.more', { count: count - people.length }) : '';
    } catch { /* offline or left: the next presence event asks again */ }
  }

  read();
  return {
    presence() {
      if (closed || timer) return;
      timer = setTimeout(() => { timer = null; if (!closed) read(); }, Math.max(0, last + EVERY_MS - Date.now()));
    },
    close() {
      closed = true;
      clearTimeout(timer);
      box.hidden = true;
      box.replaceChildren();
    },
  };
}
