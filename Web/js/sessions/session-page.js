// A session's page (#/sessions/<id>): description in the reader's language (or another, marked), agenda,
// hosts, speakers, audience, concept note, the way into the room, the revision history with insertions and
// deletions marked, the replays of its recorded stage, and the edit form for its hosts and organisers (session.update).
import { LOCALES, localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { formatDateTime } from '../time.js';
import { el, statusLine } from '../dom.js';
import { languageList, localizedNode, safeHref, sessionTimeNode, stateKey } from '../program-text.js';
import { bookmarkButton } from './bookmark.js';

const LANGUAGE_NAMES = { fr: 'Français', en: 'English', es: 'Español' };

function agendaList(items) {
  if (!Array.isArray(items) || !items.length) return null;
  return el('ol', { className: 'session-agenda' }, ...items.map((item) => {
    const li = localizedNode('li', item?.title ?? item);
    const nested = agendaList(item?.items);
    if (nested) li.append(nested);
    return li;
  }));
}

function revisionItem(revision, zone) {
  const time = el('time', { textContent: formatDateTime(revision.at, zone) });
  if (revision.at) time.dateTime = revision.at;
  const changes = (revision.changes || []).map((change) => {
    const label = t('sessions.revisionField', {
      field: t(`sessions.field.${change.field}`) === `sessions.field.${change.field}` ? change.field : t(`sessions.field.${change.field}`),
      language: LANGUAGE_NAMES[change.language] || change.language || '',
    });
    // The text before (removed words struck) and after (added words marked), one under the other: the two kinds
    // never run together, and a screen reader hears each version whole, with the changed words named.
    const version = (kind, shownKind, tag, labelKey, wordKey) => {
      const text = el('p', { className: `diff diff-${kind}` }, el('strong', { className: 'diff-label', textContent: `${t(labelKey)} ` }));
      if (change.language) text.lang = change.language;
      for (const run of change.runs || []) {
        if (run.kind === 'same') text.append(run.text ?? '');
        else if (run.kind === shownKind) {
          text.append(el(tag, {}, el('span', { className: 'visually-hidden', textContent: `[${t(wordKey)}: ` }), run.text ?? '',
            el('span', { className: 'visually-hidden', textContent: ']' })));
        }
      }
      return text;
    };
    return el('li', {}, el('p', { className: 'change-label', textContent: label }),
      version('before', 'deleted', 'del', 'sessions.diffBefore', 'sessions.deleted'),
      version('after', 'inserted', 'ins', 'sessions.diffAfter', 'sessions.inserted'));
  });
  return el('li', { className: 'revision', dataset: { revision: revision.revision } },
    el('p', { className: 'revision-meta' },
      t('sessions.revisionBy', { number: revision.revision, author: revision.author?.displayName || '' }), ' · ', time),
    el('ul', { className: 'changes' }, ...changes));
}

/** A recording of the session's stage: one speaker's feed, played by our server (`/replays/<id>`). */
function replayItem(replay, zone) {
  const audioOnly = String(replay.mediaType).startsWith('audio/');
  const player = el(audioOnly ? 'audio' : 'video', { controls: true, preload: 'metadata', src: replay.url, dataset: { replayId: String(replay.id) } });
  const label = t(replay.kind === 'screen' ? 'sessions.replayScreen' : 'sessions.replayOf',
    { speaker: replay.speaker || '—', time: formatDateTime(replay.startedAt, zone) });
  return el('li', { className: 'replay' }, player, el('p', { className: 'note', textContent: label }));
}

function editForm(data, socket, onSaved, initialStatus = '', onEdit = () => {}) {
  const session = data.session;
  const fields = [];
  const form = el('form', { className: 'card session-edit', noValidate: true });
  const status = statusLine('note');
  status.textContent = initialStatus;
  const error = statusLine('error', 'alert');
  form.append(el('h2', { textContent: t('sessions.edit.title') }));
  for (const lang of LOCALES) {
    const titleInput = el('input', { id: `edit-title-${lang}`, type: 'text', maxLength: 500, value: session.title?.[lang] ?? '', lang });
    const descInput = el('textarea', { id: `edit-description-${lang}`, rows: 5, value: data.description?.[lang] ?? '', lang });
    fields.push({ lang, titleInput, descInput });
    form.append(el('fieldset', { className: 'edit-language' },
      el('legend', { textContent: LANGUAGE_NAMES[lang], lang }),
      el('div', { className: 'field' }, el('label', { htmlFor: titleInput.id, textContent: t('sessions.edit.titleField') }), titleInput),
      el('div', { className: 'field' }, el('label', { htmlFor: descInput.id, textContent: t('sessions.edit.descriptionField') }), descInput)));
  }
  const submit = el('button', { type: 'submit', className: 'primary', id: 'session-edit-submit', textContent: t('sessions.edit.save') });
  form.append(error, status, submit);
  form.addEventListener('input', () => { status.textContent = ''; onEdit(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const title = {};
    const description = {};
    for (const { lang, titleInput, descInput } of fields) {
      if (titleInput.value.trim() !== (session.title?.[lang] ?? '')) title[lang] = titleInput.value.trim();
      if (descInput.value.trim() !== (data.description?.[lang] ?? '')) description[lang] = descInput.value.trim();
    }
    const body = { sessionId: session.id };
    if (Object.keys(title).length) body.title = title;
    if (Object.keys(description).length) body.description = description;
    error.textContent = '';
    for (const { titleInput, descInput } of fields) { titleInput.removeAttribute('aria-invalid'); descInput.removeAttribute('aria-invalid'); }
    if (!body.title && !body.description) { status.textContent = t('sessions.edit.nothing'); return; }
    submit.disabled = true;
    status.textContent = t('sessions.edit.saving');
    try {
      await socket.request('session.update', body);
      status.textContent = t('sessions.edit.saved');
      onSaved();
    } catch (e) {
      status.textContent = '';
      error.textContent = errorMessage(e);
      const [field, lang] = String(e.field || '').split('.');
      const bad = fields.find((f) => f.lang === lang);
      const input = bad && (field === 'title' ? bad.titleInput : field === 'description' ? bad.descInput : null);
      if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Renders the page into `section`; returns `{close(), onSeminarEvent(event)}`. */
export async function showSessionPage({ section, socket, sessionId, program }) {
  let closed = false;
  let data = null;
  const zone = program?.timeZone;
  const back = el('p', { className: 'back' }, el('a', { href: '#/sessions', textContent: `← ${t('sessions.back')}` }));
  const historyList = el('ol', { className: 'revisions' });
  const historyNote = el('p', { className: 'note' });

  // "Changes saved." stays through redraws until the next edit: the session.updated event of one's own save may
  // redraw the page before or after the reply does.
  let savedShown = false;

  async function loadHistory() {
    try {
      const reply = await socket.request('session.revisions', { sessionId });
      if (closed) return;
      const revisions = reply.revisions || [];
      historyList.replaceChildren(...revisions.map((r) => revisionItem(r, zone)));
      historyNote.textContent = revisions.length ? '' : t('sessions.noRevisions');
    } catch (error) {
      historyNote.textContent = errorMessage(error);
    }
  }

  function render() {
    const s = data.session;
    const details = data.details || {};
    const track = localized(program?.tracks?.find((tr) => tr.id === s.trackId)?.name);
    const heading = localizedNode('h1', s.title, { id: 'area-sessions-title', tabIndex: -1 });
    const key = stateKey(s.state);
    const facts = el('dl', { className: 'facts' });
    const fact = (label, value) => { if (value) facts.append(el('dt', { textContent: label }), el('dd', {}, value)); };
    fact(t('sessions.when'), sessionTimeNode(s, zone));
    fact(t('sessions.track'), track);
    fact(t('sessions.place'), details.room || s.room);
    fact(t('sessions.hostOrganisation'), details.hostOrganisation || s.hostOrganisation);
    fact(t('sessions.languages'), languageList(s.languages));
    if (Array.isArray(data.hosts) && data.hosts.length) fact(t('sessions.hosts'), data.hosts.map((h) => h.displayName).join(', '));
    const parts = [back, heading,
      el('p', { className: 'session-actions' },
        key ? el('span', { className: `badge state-${s.state}`, textContent: t(key) }) : '',
        s.roomId ? el('a', { className: 'button-link primary', href: `#/room/${s.roomId}`, id: 'enter-room', textContent: t('sessions.enterRoom') }) : '',
        bookmarkButton(socket, s)),
      facts];
    if (Array.isArray(data.replays) && data.replays.length) {
      parts.push(el('h2', { id: 'replays-title', textContent: t('sessions.replays') }),
        el('ul', { className: 'replays', id: 'replays' }, ...data.replays.map((r) => replayItem(r, zone))));
    }
    const description = localizedNode('div', data.description, { className: 'description' });
    parts.push(el('h2', { textContent: t('sessions.description') }),
      description.textContent.trim() ? description : el('p', { className: 'note', textContent: t('sessions.noDescription') }));
    const agenda = agendaList(details.agenda);
    if (agenda) parts.push(el('h2', { textContent: t('sessions.agenda') }), agenda);
    if (Array.isArray(details.speakers) && details.speakers.length) {
      parts.push(el('h2', { textContent: t('sessions.speakers') }), el('ul', { className: 'speakers' }, ...details.speakers.map((sp) => el('li', { textContent: typeof sp === 'string' ? sp : sp?.name || '' }))));
    }
    if (details.audience && localized(details.audience)) parts.push(el('h2', { textContent: t('sessions.audience') }), localizedNode('p', details.audience));
    const note = safeHref(details.conceptNote);
    if (note) parts.push(el('p', {}, el('a', { href: note, rel: 'noopener noreferrer', target: '_blank', textContent: t('sessions.conceptNote') })));
    if (data.canEdit) {
      parts.push(editForm(data, socket, () => { savedShown = true; reload().catch(() => {}); },
        savedShown ? t('sessions.edit.saved') : '', () => { savedShown = false; }));
    }
    parts.push(el('h2', { id: 'revisions-title', textContent: t('sessions.history') }), historyNote, historyList);
    section.replaceChildren(...parts);
  }

  async function reload({ focus = false } = {}) {
    const reply = await socket.request('session.get', { sessionId });
    if (closed) return;
    data = reply;
    const active = document.activeElement?.id;
    render();
    if (active && !focus) section.querySelector(`#${CSS.escape(active)}`)?.focus();
    await loadHistory();
  }

  if (!Number.isInteger(sessionId) || sessionId <= 0) {
    const error = new Error('not_found');
    error.code = 'not_found';
    throw error;
  }
  await reload({ focus: true });
  return {
    close() { closed = true; },
    onSeminarEvent(event) {
      if (!data || closed) return;
      const id = event.data?.sessionId ?? event.data?.id;
      if (id !== sessionId) return;
      if (event.type === 'room.state') {
        data.session.state = event.data.state;
        const badge = section.querySelector('.session-actions .badge');
        const key = stateKey(event.data.state);
        if (badge && key) { badge.className = `badge state-${event.data.state}`; badge.textContent = t(key); } else render();
      } else if (event.type === 'replay.added') {
        // A recording of the stage is ready: shown at once, unless someone is typing in the edit form (then on the next load).
        if (!section.querySelector('.session-edit')?.contains(document.activeElement)) reload().catch(() => {});
      } else if (event.type === 'session.updated') {
        // Someone is typing in the edit form: keep their text, refresh only the history.
        if (section.querySelector('.session-edit')?.contains(document.activeElement)) loadHistory();
        else reload().catch(() => {});
      }
    },
  };
}
