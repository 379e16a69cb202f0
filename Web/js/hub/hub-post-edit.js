// A post's own tools, loaded only on a post its reader may change: its author edits the title and the text
// (feed.edit) or deletes it (feed.delete, asked first); an organiser may delete anyone's (moderation).
import { t } from '../i18n.js';
import { attrs, el, labelledField } from '../dom.js';
import { hubErrorText } from './hub-post.js';

/**
 * Fills `box` with Edit (the author) and Delete (the author, organisers). `onSaved(post)` gets the post as edited,
 * `onDeleted()` runs once it is gone.
 */
export function postTools({ box, post, socket, mine, onSaved, onDeleted }) {
  const error = attrs(el('p', { className: 'error', id: 'post-tools-error' }), { role: 'alert' });

  function buttons() {
    const edit = el('button', { type: 'button', id: 'post-edit', textContent: t('hub.post.edit') });
    const remove = el('button', { type: 'button', id: 'post-delete', className: 'danger', textContent: t('hub.post.delete') });
    edit.addEventListener('click', editForm);
    remove.addEventListener('click', askDelete);
    box.replaceChildren(el('div', { className: 'row' }, ...(mine ? [edit] : []), remove), error);
  }

  function editForm() {
    const title = el('input', { type: 'text', id: 'post-edit-title', maxLength: 200, value: post.title ?? '' });
    const text = el('textarea', { id: 'post-edit-body', rows: 10, maxLength: 20000, value: post.body ?? '' });
    if (post.lang) { title.lang = post.lang; text.lang = post.lang; }
    const save = el('button', { type: 'submit', className: 'primary', id: 'post-edit-save', textContent: t('hub.post.save') });
    const cancel = el('button', { type: 'button', id: 'post-edit-cancel', textContent: t('hub.post.cancel') });
    const form = el('form', { className: 'post-edit card', id: 'post-edit-form', noValidate: true },
      labelledField(t('hub.composer.title'), title), labelledField(t('hub.composer.body'), text), error, el('div', { className: 'row' }, save, cancel));
    cancel.addEventListener('click', () => { error.textContent = ''; buttons(); box.querySelector('#post-edit')?.focus(); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      error.textContent = '';
      try {
        const reply = await socket.request('feed.edit', { postId: post.id, title: title.value.trim(), body: text.value.trim() });
        post = reply.post;
        buttons();
        onSaved(reply.post);
        box.querySelector('#post-edit')?.focus();
      } catch (e) {
        error.textContent = hubErrorText(e);
        (e.field === 'title' ? title : text).focus();
      } finally { save.disabled = false; }
    });
    box.replaceChildren(form);
    title.focus();
  }

  function askDelete() {
    const question = el('p', { id: 'post-delete-question', textContent: t('hub.post.deleteConfirm') });
    const yes = el('button', { type: 'button', className: 'danger', id: 'post-delete-confirm', textContent: t('hub.post.deleteNow') });
    const no = el('button', { type: 'button', id: 'post-delete-cancel', textContent: t('hub.post.deleteKeep') });
    const ask = attrs(el('div', { className: 'confirm', id: 'post-delete-confirmation' }, question, el('div', { className: 'row' }, yes, no), error),
      { role: 'alertdialog', 'aria-labelledby': 'post-delete-question' });
    no.addEventListener('click', () => { buttons(); box.querySelector('#post-delete')?.focus(); });
    ask.addEventListener('keydown', (event) => { if (event.key === 'Escape') no.click(); });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await socket.request('feed.delete', { postId: post.id });
        onDeleted();
      } catch (e) { error.textContent = hubErrorText(e); yes.disabled = false; }
    });
    box.replaceChildren(ask);
    no.focus();
  }

  buttons();
}
