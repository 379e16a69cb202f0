// The hub's composer (#/hub/new): kind, title, body (Markdown subset, with a short help), language, tags,
// an optional session, and attachments uploaded one by one to POST /api/files with a progress bar each;
// then feed.post with the uploaded files' ids.
import { getLocale, localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';
import { formatDateTime } from '../time.js';
import { KINDS, LANGS, formatSize, hubErrorText, kindLabel, langName } from './hub-post.js';

const ACCEPT = ['application/pdf', 'text/plain', '.docx', '.pptx', '.xlsx', '.odt', '.odp', '.ods',
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'audio/*', 'video/mp4', 'video/webm', 'video/ogg'].join(',');
const POSTER_ROLES = ['organiser', 'host'];
const MAX_FILES = 10;

/** Uploads `file`; `onProgress(fraction)`. Resolves with the FileView; rejects with `.code`, `.status`. Returns `{promise, abort}`. */
export function uploadFile(file, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    const fail = (code, status) => { const e = new Error(code); e.code = code; e.status = status; reject(e); };
    xhr.open('POST', '/api/files');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => { if (event.lengthComputable && event.total) onProgress(event.loaded / event.total); };
    xhr.onload = () => {
      let json = null;
      try { json = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 201 || xhr.status === 200) {
        if (json && json.id != null) resolve(json); else fail('internal', xhr.status);
        return;
      }
      const byStatus = { 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 413: 'too_large', 415: 'unsupported', 429: 'rate_limited' };
      fail(byStatus[xhr.status] || json?.error?.code || 'internal', xhr.status);
    };
    xhr.onerror = () => fail('network', 0);
    xhr.onabort = () => fail('aborted', 0);
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

function uploadErrorText(error) {
  if (error.code === 'too_large') return t('hub.upload.tooLarge');
  if (error.code === 'unsupported') return t('hub.upload.unsupported');
  if (error.code === 'invalid') return t('hub.upload.invalid');
  if (error.code === 'network') return t('error.network');
  return errorMessage(error);
}

/** Renders the composer into `host`. `go(hash)` navigates after publishing. */
export function renderComposer({ host, socket, me, go, sessionId = null }) {
  const user = me();
  const kinds = POSTER_ROLES.includes(user?.role) ? KINDS : ['learning'];
  const uploads = []; // {id, file, state: uploading|done|failed, fraction, view, error, abort, node}
  let sessions = null;
  let busy = false;
  let uid = 0;

  const field = (labelText, control, hint) => {
    const parts = [el('label', { htmlFor: control.id, textContent: labelText }), control];
    if (hint) {
      const h = el('p', { className: 'hint', id: `${control.id}-hint`, textContent: hint });
      control.setAttribute('aria-describedby', h.id);
      parts.push(h);
    }
    return el('div', { className: 'field' }, ...parts);
  };

  const kind = el('select', { id: 'post-kind', name: 'kind' }, ...kinds.map((k) => el('option', { value: k, textContent: kindLabel(k) })));
  const title = el('input', { id: 'post-title', name: 'title', maxLength: 200, required: true, autocomplete: 'off' });
  const body = el('textarea', { id: 'post-body-input', name: 'body', rows: 10, maxLength: 20000, required: true });
  const help = el('details', { className: 'markdown-help' }, el('summary', { textContent: t('hub.md.title') }),
    el('ul', {}, ...['hub.md.heading', 'hub.md.bold', 'hub.md.italic', 'hub.md.list', 'hub.md.quote', 'hub.md.link', 'hub.md.code']
      .map((key) => el('li', {}, el('code', { textContent: t(`${key}.syntax`) }), ' — ', t(key)))));
  const lang = el('select', { id: 'post-lang', name: 'lang' }, ...LANGS.map((l) => el('option', { value: l, textContent: langName(l) })));
  lang.value = getLocale();
  const tags = el('input', { id: 'post-tags', name: 'tags', autocomplete: 'off' });
  const session = el('select', { id: 'post-session', name: 'sessionId' }, el('option', { value: '', textContent: t('hub.composer.noSession') }));
  const files = el('input', { id: 'post-files', name: 'files', type: 'file', multiple: true, accept: ACCEPT });
  const fileList = el('ul', { className: 'upload-list', id: 'upload-list' });
  const uploadStatus = el('p', { className: 'visually-hidden', id: 'upload-status' });
  uploadStatus.setAttribute('aria-live', 'polite');
  const error = statusLine('error', 'alert', 'post-error');
  const submit = el('button', { type: 'submit', className: 'primary', id: 'post-submit', textContent: t('hub.composer.submit') });
  const cancel = el('a', { href: '#/hub', className: 'button-link', textContent: t('hub.composer.cancel') });
  const form = el('form', { id: 'post-form', className: 'card post-form', noValidate: true },
    field(t('hub.composer.kind'), kind, kinds.length === 1 ? t('hub.composer.kindHint') : ''),
    field(t('hub.composer.title'), title),
    field(t('hub.composer.body'), body), help,
    el('div', { className: 'form-row' }, field(t('hub.composer.lang'), lang), field(t('hub.composer.session'), session)),
    field(t('hub.composer.tags'), tags, t('hub.composer.tagsHint')),
    field(t('hub.composer.files'), files, t('hub.composer.filesHint')),
    fileList, uploadStatus, error, el('p', { className: 'form-actions' }, submit, cancel));
  host.replaceChildren(form);

  function renderUpload(u) {
    const progress = el('progress', { max: 100, value: Math.round(u.fraction * 100) });
    progress.setAttribute('aria-label', t('hub.upload.progress', { name: u.file.name }));
    if (u.state !== 'uploading') progress.value = u.state === 'done' ? 100 : progress.value;
    const status = el('span', { className: 'upload-state' },
      u.state === 'uploading' ? t('hub.upload.uploading', { percent: Math.round(u.fraction * 100) })
        : u.state === 'done' ? t('hub.upload.done') : uploadErrorText(u.error));
    const remove = el('button', { type: 'button', className: 'upload-remove', textContent: u.state === 'uploading' ? t('hub.upload.cancel') : t('hub.upload.remove') });
    remove.setAttribute('aria-label', `${remove.textContent}: ${u.file.name}`);
    remove.addEventListener('click', () => {
      u.abort?.();
      uploads.splice(uploads.indexOf(u), 1);
      u.node.remove();
      files.focus();
    });
    const node = el('li', { className: `upload upload-${u.state}`, dataset: { state: u.state } },
      el('p', { className: 'upload-name' }, el('strong', { textContent: u.file.name }), ` (${formatSize(u.file.size)})`),
      progress, status, remove);
    if (u.state === 'failed') node.classList.add('has-error');
    if (u.node) u.node.replaceWith(node);
    u.node = node;
    return node;
  }

  function startUpload(file) {
    const u = { id: ++uid, file, state: 'uploading', fraction: 0, view: null, error: null, abort: null, node: null };
    uploads.push(u);
    fileList.append(renderUpload(u));
    let last = -1;
    const job = uploadFile(file, (fraction) => {
      u.fraction = fraction;
      const percent = Math.round(fraction * 100);
      if (percent === last) return;
      last = percent;
      const bar = u.node.querySelector('progress');
      bar.value = percent;
      u.node.querySelector('.upload-state').textContent = t('hub.upload.uploading', { percent });
    });
    u.abort = job.abort;
    job.promise.then((view) => {
      u.state = 'done';
      u.view = view;
      u.fraction = 1;
      uploadStatus.textContent = t('hub.upload.doneNamed', { name: file.name });
    }, (e) => {
      if (e.code === 'aborted') return;
      u.state = 'failed';
      u.error = e;
      uploadStatus.textContent = `${file.name}: ${uploadErrorText(e)}`;
    }).finally(() => {
      u.abort = null;
      if (uploads.includes(u)) renderUpload(u);
      renderSubmit();
    });
    renderSubmit();
  }

  function renderSubmit() {
    const pending = uploads.some((u) => u.state === 'uploading');
    submit.disabled = busy;
    submit.textContent = busy ? t('hub.composer.publishing') : pending ? t('hub.composer.waitUploads') : t('hub.composer.submit');
  }

  files.addEventListener('change', () => {
    const picked = [...files.files];
    files.value = '';
    error.textContent = '';
    if (uploads.length + picked.length > MAX_FILES) {
      error.textContent = t('hub.upload.tooMany', { max: MAX_FILES });
      return;
    }
    picked.forEach(startUpload);
  });

  async function loadSessions() {
    try {
      const program = await socket.request('program.get', {}, { retry: false });
      sessions = (program.sessions ?? []).slice().sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)));
      const fmt = (iso) => formatDateTime(iso, program.timeZone);
      session.append(...sessions.map((s) => el('option', { value: String(s.id), textContent: `${fmt(s.startsAt)} — ${localized(s.title)}` })));
      if (sessionId != null) session.value = String(sessionId);
    } catch { /* the session is optional */ }
  }

  const FIELDS = { kind, title, body, lang, tags, sessionId: session, attachmentIds: files };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    error.textContent = '';
    for (const control of Object.values(FIELDS)) control.removeAttribute('aria-invalid');
    const bad = (control, key) => { control.setAttribute('aria-invalid', 'true'); error.textContent = t(key); control.focus(); };
    if (!title.value.trim()) return bad(title, 'hub.composer.needTitle');
    if (!body.value.trim()) return bad(body, 'hub.composer.needBody');
    if (uploads.some((u) => u.state === 'uploading')) { error.textContent = t('hub.composer.waitUploads'); return; }
    if (uploads.some((u) => u.state === 'failed')) { error.textContent = t('hub.upload.removeFailed'); files.focus(); return; }
    const data = {
      kind: kind.value,
      title: title.value.trim(),
      body: body.value,
      lang: lang.value,
      tags: tags.value.split(',').map((s) => s.trim()).filter(Boolean),
      attachmentIds: uploads.filter((u) => u.state === 'done').map((u) => u.view.id),
    };
    if (session.value) data.sessionId = Number(session.value);
    busy = true;
    renderSubmit();
    try {
      const reply = await socket.request('feed.post', data);
      go(`#/hub/post/${encodeURIComponent(reply.id)}`);
    } catch (e) {
      const name = String(e.field ?? '').split(/[.[]/)[0];
      const control = FIELDS[name];
      error.textContent = hubErrorText(e);
      if (control) { control.setAttribute('aria-invalid', 'true'); control.focus(); }
    } finally {
      busy = false;
      renderSubmit();
    }
  });

  loadSessions();
  return {
    /** True while something typed or uploaded would be lost. */
    dirty: () => Boolean(title.value || body.value || uploads.length),
    abort: () => uploads.forEach((u) => u.abort?.()),
  };
}
