// A person's profile photo (`GET /files/<id>`, a small rendition the server made at upload), or their initials when
// they have none: on lounge cards and suggestions, a person's page, the room's list of who is there and the desk.
// Decorative (alt=""): the name is always beside it.
import { el } from './dom.js';

/** Up to two initials of a name ("Amina Diallo" → "AD"). */
const initials = (name) => String(name ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]).join('').toUpperCase();

/** The photo of `person` (`photo`, or `profile.photo` for a lounge person), or their initials; `size` in CSS pixels. */
export function avatarNode(person, { size = 40 } = {}) {
  const photo = person?.photo ?? person?.profile?.photo;
  const node = photo
    ? el('img', { className: 'avatar', src: `/files/${encodeURIComponent(photo)}`, alt: '', width: size, height: size, loading: 'lazy', decoding: 'async' })
    : el('span', { className: 'avatar avatar-initials', textContent: initials(person?.displayName) });
  node.setAttribute('aria-hidden', 'true');
  node.style.setProperty('--avatar', `${size}px`);
  return node;
}
