// The person's photo on their profile page: choose an image (the server checks it, makes a small rendition and keeps
// that: POST /api/profile/photo), see it, remove it (DELETE). A file that is not an image, or too large, gets a
// sentence saying so; nothing changes.
import { t } from '../i18n.js';
import { answer } from '../api.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';
import { avatarNode } from '../avatar.js';

const MAX_BYTES = 5 << 20; // ProfilePhoto.maxBytes: said before a long upload on a weak link; the server checks too

const send = (method, body) => answer(fetch('/api/profile/photo', {
  method, body, credentials: 'same-origin',
  headers: { Accept: 'application/json', ...(body ? { 'Content-Type': body.type || 'application/octet-stream' } : {}) },
}));

/** What went wrong with a chosen file, in the reader's language. */
function refusal(error) {
  if (error.code === 'too_large') return t('lounge.photo.tooLarge');
  if (error.code === 'invalid') return t('lounge.photo.notImage');
  return errorMessage(error);
}

/** The photo card for `me` (profile.get's answer); `onSaved(person)` after each change. */
export function photoCard(me, onSaved) {
  let person = me;
  const preview = el('div', { className: 'photo-preview', id: 'profile-photo-preview' });
  const input = el('input', { type: 'file', id: 'profile-photo-file', accept: 'image/jpeg,image/png,image/webp,image/gif' });
  input.setAttribute('aria-describedby', 'profile-photo-hint');
  const remove = el('button', { type: 'button', id: 'profile-photo-remove', textContent: t('lounge.photo.remove') });
  const status = statusLine('note');
  status.id = 'profile-photo-status';
  const alert = statusLine('error', 'alert');
  alert.id = 'profile-photo-error';
  const card = el('section', { className: 'card photo-card', id: 'profile-photo' },
    el('h2', { id: 'profile-photo-title', textContent: t('lounge.photo.title') }), preview,
    el('div', { className: 'field' }, el('label', { htmlFor: input.id, textContent: t('lounge.photo.choose') }), input,
      el('p', { className: 'hint', id: 'profile-photo-hint', textContent: t('lounge.photo.hint') })),
    alert, status, remove);
  card.setAttribute('aria-labelledby', 'profile-photo-title');

  function render() {
    preview.replaceChildren(avatarNode(person, { size: 96 }));
    remove.hidden = !person.profile?.photo;
  }

  async function change(method, body, done) {
    alert.textContent = '';
    status.textContent = t('meetings.saving');
    input.disabled = remove.disabled = true;
    try {
      person = await send(method, body);
      status.textContent = t(done);
      render();
      onSaved(person);
    } catch (error) {
      status.textContent = '';
      alert.textContent = refusal(error);
    } finally {
      input.disabled = remove.disabled = false;
      input.value = ''; // the same file chosen again is read again
    }
  }

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      status.textContent = '';
      alert.textContent = t('lounge.photo.tooLarge');
      input.value = '';
      return;
    }
    change('POST', file, 'lounge.photo.saved');
  });
  remove.addEventListener('click', () => change('DELETE', undefined, 'lounge.photo.removed'));
  render();
  return card;
}
