// The welcome desk's FAQ: a search box (faq.list q, accent-insensitive on the server) and the entries as
// disclosure widgets; organisers add, edit and delete entries in the three languages.
import { LOCALES, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { deskErrorText } from './desk-shared.js';
import { el, statusLine } from '../dom.js';
import { localizedNode } from '../program-text.js';

const LANG_NAMES = { fr: 'Français', en: 'English', es: 'Español' };

/** Renders into `box`. Returns `{ render, load, setUser, unmount }`. */
export function mountFaq({ box, socket, user }) {
  let me = user;
  let entries = null;
  let error = null;
  let query = '';
  let editing = null;        // null, 'new', or an entry id
  let confirmDelete = null;  // the entry id awaiting confirmation
  let editError = null;
  let timer = 0;
  let asked = 0;
  const organiser = () => me?.role === 'organiser';

  const title = el('h2', { id: 'desk-faq-title' });
  const searchLabel = el('label', { htmlFor: 'faq-search' });
  const search = el('input', { id: 'faq-search', type: 'search', maxLength: 200 });
  const status = statusLine('note', 'status', 'faq-status');
  const add = el('button', { type: 'button', id: 'faq-add' });
  const list = el('div', { id: 'faq-list', className: 'faq-list' });
  const editor = el('div', { id: 'faq-editor-host' });
  box.replaceChildren(title, el('div', { className: 'field faq-search' }, searchLabel, search), status, add, editor, list);

  function entryNode(entry) {
    const details = el('details', { className: 'faq-entry', dataset: { id: String(entry.id) } },
      localizedNode('summary', entry.question, { className: 'faq-question' }),
      localizedNode('p', entry.answer, { className: 'faq-answer' }));
    if (organiser()) {
      const edit = el('button', { type: 'button', className: 'faq-edit', textContent: t('faq.edit') });
      edit.addEventListener('click', () => { editing = entry.id; editError = null; render(); });
      const actions = el('p', { className: 'faq-actions' }, edit);
      if (confirmDelete === entry.id) {
        const yes = el('button', { type: 'button', className: 'faq-confirm danger', textContent: t('faq.confirmDelete') });
        yes.addEventListener('click', () => remove(entry.id));
        const no = el('button', { type: 'button', className: 'faq-cancel', textContent: t('faq.cancel') });
        no.addEventListener('click', () => { confirmDelete = null; render(); });
        actions.append(yes, no);
      } else {
        const del = el('button', { type: 'button', className: 'faq-delete', textContent: t('faq.delete') });
        del.addEventListener('click', () => { confirmDelete = entry.id; render(); });
        actions.append(del);
      }
      details.append(actions);
      if (confirmDelete === entry.id || editing === entry.id) details.open = true;
    }
    return details;
  }

  function editorNode(entry) {
    const fields = [];
    for (const lang of LOCALES) {
      const q = el('input', { id: `faq-q-${lang}`, name: `question.${lang}`, maxLength: 500, value: entry?.question?.[lang] ?? '' });
      q.lang = lang;
      const a = el('textarea', { id: `faq-a-${lang}`, name: `answer.${lang}`, rows: 4, maxLength: 5000, value: entry?.answer?.[lang] ?? '' });
      a.lang = lang;
      fields.push(el('fieldset', { className: 'faq-lang' },
        el('legend', { textContent: LANG_NAMES[lang] }),
        el('div', { className: 'field' }, el('label', { htmlFor: q.id, textContent: t('faq.question') }), q),
        el('div', { className: 'field' }, el('label', { htmlFor: a.id, textContent: t('faq.answer') }), a)));
    }
    const position = el('input', { id: 'faq-position', name: 'position', type: 'number', min: 0, step: 1, value: entry?.position ?? '' });
    const err = el('p', { id: 'faq-edit-error', className: 'error', textContent: editError ? deskErrorText(editError) : '' });
    err.setAttribute('role', 'alert');
    const save = el('button', { type: 'submit', className: 'primary', id: 'faq-save', textContent: t('faq.save') });
    const cancel = el('button', { type: 'button', id: 'faq-cancel-edit', textContent: t('faq.cancel') });
    cancel.addEventListener('click', () => { editing = null; editError = null; render(); add.focus(); });
    const form = el('form', { className: 'card faq-editor', id: 'faq-editor', noValidate: true },
      el('h3', { textContent: entry ? t('faq.editTitle') : t('faq.addTitle') }),
      el('p', { className: 'hint', textContent: t('faq.editHint') }),
      ...fields,
      el('div', { className: 'field faq-position' }, el('label', { htmlFor: 'faq-position', textContent: t('faq.position') }), position),
      err, el('p', { className: 'form-actions' }, save, cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = { question: {}, answer: {} };
      for (const lang of LOCALES) {
        data.question[lang] = form.elements[`question.${lang}`].value.trim();
        data.answer[lang] = form.elements[`answer.${lang}`].value.trim();
      }
      if (entry) data.id = entry.id;
      if (position.value !== '') data.position = Number(position.value);
      save.disabled = true;
      try {
        await socket.request('faq.upsert', data);
        editing = null;
        editError = null;
        await load();
        add.focus();
      } catch (e) {
        editError = e;
        render();
        const bad = e.field && form.querySelector(`[name="${CSS.escape(e.field)}"]`);
        (bad || form.querySelector('input, textarea'))?.focus();
      }
    });
    return form;
  }

  function render() {
    title.textContent = t('faq.title');
    searchLabel.textContent = t('faq.search');
    search.placeholder = t('faq.searchPlaceholder');
    add.textContent = t('faq.add');
    add.hidden = !organiser() || editing !== null;
    if (error) status.replaceChildren(el('span', { className: 'error', textContent: errorMessage(error) }));
    else if (entries == null) status.textContent = t('app.loading');
    else if (entries.length === 0) status.textContent = query ? t('faq.noMatch') : t('faq.empty');
    else status.textContent = query ? t('faq.count', { count: entries.length }) : '';
    const entry = editing === 'new' ? null : entries?.find((e) => e.id === editing);
    editor.replaceChildren(...(organiser() && editing !== null && (editing === 'new' || entry) ? [editorNode(entry)] : []));
    const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.dataset.id));
    list.replaceChildren(...(entries ?? []).map((e) => {
      const node = entryNode(e);
      if (open.has(String(e.id))) node.open = true;
      return node;
    }));
  }

  async function load() {
    const mine = ++asked;
    try {
      const reply = await socket.request('faq.list', query ? { q: query } : {}, { retry: false });
      if (mine !== asked) return;
      entries = Array.isArray(reply.entries) ? reply.entries : [];
      error = null;
    } catch (e) {
      if (mine !== asked) return;
      error = e;
    }
    render();
  }

  async function remove(id) {
    try {
      await socket.request('faq.delete', { id });
      confirmDelete = null;
      await load();
      search.focus();
    } catch (e) {
      error = e;
      render();
    }
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = search.value.trim().slice(0, 200);
      if (next === query) return;
      query = next;
      load();
    }, 250);
  });
  add.addEventListener('click', () => {
    editing = 'new';
    editError = null;
    render();
    editor.querySelector('input')?.focus();
  });

  return {
    render,
    load,
    setUser(next) { me = next; render(); },
    unmount() { clearTimeout(timer); box.replaceChildren(); },
  };
}
