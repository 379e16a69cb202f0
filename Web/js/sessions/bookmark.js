// The bookmark toggle of a session (agenda.add / agenda.remove), used by the program and the session page.
import { localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el } from '../dom.js';

/** Toggles a bookmark; resolves with the new value. */
export async function toggleBookmark(socket, session) {
  const next = !session.bookmarked;
  await socket.request(next ? 'agenda.add' : 'agenda.remove', { sessionId: session.id });
  session.bookmarked = next;
  return next;
}

/** The bookmark toggle button of a session (aria-pressed), with its own error line. */
export function bookmarkButton(socket, session, onChange) {
  const error = el('span', { className: 'inline-error' });
  error.setAttribute('role', 'alert');
  const button = el('button', { type: 'button', className: 'bookmark' });
  const title = localized(session.title);
  const render = () => {
    button.setAttribute('aria-pressed', String(Boolean(session.bookmarked)));
    button.textContent = session.bookmarked ? `★ ${t('sessions.bookmarked')}` : `☆ ${t('sessions.bookmark')}`;
    button.setAttribute('aria-label', t(session.bookmarked ? 'sessions.unbookmarkLabel' : 'sessions.bookmarkLabel', { title }));
  };
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    error.textContent = '';
    try {
      await toggleBookmark(socket, session);
      onChange?.(session);
    } catch (e) {
      error.textContent = errorMessage(e);
    } finally {
      button.disabled = false;
      render();
    }
  });
  render();
  return el('span', { className: 'bookmark-wrap' }, button, error);
}

