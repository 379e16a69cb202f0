// The organiser console's "People": a participants import (a CSV file or pasted text → POST /api/admin/participants;
// every problem by line, or the people with their one-time sign-in links to copy), and the people list
// (`people.list` with search and a role filter) where each person's role is set (`role.set`), and a host is given
// rooms one at a time (`role.set` with a room) or has one taken away (`hosting.remove`): a host may host several.
import { t } from '../i18n.js';
import { errorMessage, protocolError } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { cell, consoleId, copyText, count, dataTable, labelled, loadRooms, when } from './admin-console-kit.js';

const ROLES = ['participant', 'host', 'agent', 'organiser'];
const PAGE = 50;
const CODE_FOR_STATUS = { 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 413: 'too_large', 429: 'rate_limited', 503: 'unavailable' };

/** Sends a participants file (with `invite`, each new person is mailed an invitation); resolves with the reply,
 * rejects with an Error carrying `.code` and `.problems`. */
export async function importParticipants(text, { invite = false } = {}) {
  let response;
  try {
    response = await fetch(`/api/admin/participants${invite ? '?invite=1' : ''}`, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }, body: text,
    });
  } catch {
    throw protocolError({ code: 'network' });
  }
  let json = null;
  try { json = await response.json(); } catch { /* not JSON */ }
  if (response.ok && json) return json;
  const error = protocolError(json?.error, CODE_FOR_STATUS[response.status] || 'internal');
  if (response.status === 429) error.retryAfterMs = (Number(response.headers.get('Retry-After')) || 1) * 1000;
  error.problems = Array.isArray(json?.problems) ? json.problems : [];
  throw error;
}

const absolute = (url) => { try { return new URL(url, location.origin).href; } catch { return String(url); } };
const roleName = (role) => (ROLES.includes(role) ? t(`console.role.${role}`) : String(role));

/** A CSV of the new accounts' links, for a mail merge (existing accounts get none). */
function linksCsv(people) {
  const quote = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return `\ufeff${['email,signInUrl,expiresAt', ...people.filter((p) => p.signInUrl).map((p) => [p.email, absolute(p.signInUrl), p.expiresAt].map(quote).join(','))].join('\r\n')}\r\n`;
}

export function mount({ host, socket, user }) {
  let me = user;
  let rooms = [];
  let imported = null;      // the last successful import's reply
  let problems = null;      // the last refused import's error
  let people = [];
  let more = false;
  let listed = false;       // the list has been read once
  let query = { q: '', role: '' };
  let csvText = '';
  let linksUrl = null;
  const nodes = {};

  // ---------- the import ----------
  function importForm() {
    const file = el('input', { type: 'file', id: 'people-import-file', accept: '.csv,text/csv,text/plain' });
    const text = el('textarea', { id: 'people-import-text', rows: 6, spellcheck: false, value: csvText, className: 'console-code' });
    text.placeholder = 'email,name,role,organisation\nana@example.org,Ana Pérez,participant,Ministry';
    const fileStatus = statusLine('note');
    const submit = el('button', { type: 'submit', className: 'primary', id: 'people-import-submit', textContent: t('console.people.importSubmit') });
    const invite = el('input', { type: 'checkbox', id: 'people-import-invite' });
    file.addEventListener('change', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      try {
        text.value = await chosen.text();
        csvText = text.value;
        // Forget the choice (the text is in the box): choosing the same file again, corrected, reads it again.
        file.value = '';
        fileStatus.textContent = t('console.people.fileLoaded', { name: chosen.name, lines: count(text.value.split(/\r\n|\n|\r/).filter(Boolean).length) });
      } catch {
        fileStatus.textContent = t('console.people.fileUnreadable');
      }
    });
    text.addEventListener('input', () => { csvText = text.value; });
    const form = el('form', { className: 'card', id: 'people-import-form', noValidate: true },
      el('h3', { textContent: t('console.people.importTitle') }),
      el('p', { className: 'hint', textContent: t('console.people.importHint') }),
      labelled(t('console.people.file'), file), fileStatus,
      labelled(t('console.people.paste'), text, t('console.people.pasteHint')),
      el('p', {}, el('label', { className: 'console-check' }, invite, ` ${t('console.people.invite')}`)),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      const body = text.value;
      if (!body.trim()) {
        problems = protocolError({ code: 'invalid', field: 'file' });
        problems.problems = [];
        problems.empty = true;
        renderResult({ focus: true });
        return;
      }
      submit.disabled = true;
      nodes.result.replaceChildren(el('p', { className: 'note', role: 'status', textContent: t('console.people.importing') }));
      try {
        imported = await importParticipants(body, { invite: invite.checked });
        // the console's mail part shows the invitations' progress
        if (imported.invited) document.dispatchEvent(new CustomEvent('console:invitations'));
        problems = null;
        text.value = '';
        csvText = '';
        file.value = '';
        fileStatus.textContent = '';
        refreshList();
      } catch (error) {
        problems = error;
        imported = null;
      } finally { submit.disabled = false; }
      renderResult({ focus: true });
    });
    return form;
  }

  function renderResult({ focus = false } = {}) {
    if (linksUrl) { URL.revokeObjectURL(linksUrl); linksUrl = null; }
    const box = nodes.result;
    if (problems) {
      const list = problems.problems ?? [];
      const title = el('h4', { id: 'people-import-problems-title', tabIndex: -1, textContent: problems.empty ? t('console.people.emptyFile')
        : list.length ? t('console.people.problems', { count: list.length }) : errorMessage(problems) });
      const parts = [title];
      if (list.length) {
        parts.push(el('p', { textContent: t('console.people.nothingImported') }),
          el('ul', { id: 'people-import-problems', className: 'console-problems' }, ...list.map((p) => el('li', { dataset: { line: p.line } },
            el('strong', { textContent: p.field ? t('console.people.lineField', { line: p.line, field: p.field }) : t('console.people.line', { line: p.line }) }),
            ` ${p.message ?? ''}`))));
      }
      box.replaceChildren(el('div', { className: 'error console-import-error', role: 'alert' }, ...parts));
      if (focus) title.focus();
      return;
    }
    if (!imported) { box.replaceChildren(); return; }
    const list = imported.people ?? [];
    linksUrl = URL.createObjectURL(new Blob([linksCsv(list)], { type: 'text/csv' }));
    const copied = statusLine('note', 'status', 'people-copy-status');
    const rows = list.map((p) => {
      if (!p.signInUrl) { // an existing account: updated, and no link (it would sign the organiser in as that person)
        return el('tr', { dataset: { userId: p.userId, line: p.line }, className: 'people-existing' },
          cell(p.line, 'num'), cell(p.email), cell(t('console.people.existing')), cell(t('console.people.noLink')), cell(''));
      }
      const url = absolute(p.signInUrl);
      const link = el('input', { type: 'text', readOnly: true, value: url, className: 'console-link', id: consoleId('link') });
      link.setAttribute('aria-label', t('console.people.linkFor', { email: p.email }));
      link.addEventListener('focus', () => link.select());
      const copy = actionButton(t('console.people.copy'), async () => {
        const ok = await copyText(url);
        copied.textContent = ok ? t('console.people.copied', { email: p.email }) : t('console.people.copyFailed');
      }, { className: 'console-copy' });
      copy.setAttribute('aria-label', t('console.people.copyFor', { email: p.email }));
      return el('tr', { dataset: { userId: p.userId, line: p.line } },
        cell(p.line, 'num'), cell(p.email), cell(p.created ? t('console.people.created') : t('console.people.updated')),
        el('td', { className: 'console-link-cell' }, link, copy), el('td', {}, when(p.expiresAt)));
    });
    const done = t('console.people.imported', { created: imported.created ?? 0, updated: imported.updated ?? 0 });
    const title = el('h4', { id: 'people-import-done', tabIndex: -1, textContent: imported.invited ? `${done} ${t('console.people.invited', { count: imported.invited })}` : done });
    box.replaceChildren(el('div', { className: 'card console-import-ok' }, title,
      el('p', { className: 'hint', textContent: t('console.people.linksHint') }),
      dataTable(t('console.people.linksCaption', { count: list.length }),
        [{ text: t('console.people.lineCol'), num: true }, t('console.people.email'), t('console.people.status'), t('console.people.link'), t('console.people.expires')],
        rows, { id: 'people-import-table' }, { stack: true }),
      el('p', { className: 'console-actions' }, el('a', { href: linksUrl, download: 'sign-in-links.csv', className: 'console-button', id: 'people-links-csv', textContent: t('console.people.downloadLinks') })),
      copied));
    if (focus) title.focus();
  }

  // ---------- the list ----------
  function roomSelect(person) {
    const select = el('select', { className: 'console-room', id: consoleId('room') },
      el('option', { value: '', textContent: t('console.people.noRoom') }),
      ...rooms.map((r) => el('option', { value: String(r.roomId), textContent: r.label })));
    select.setAttribute('aria-label', t('console.people.roomFor', { name: person.displayName }));
    return select;
  }

  function personRow(person) {
    const role = el('select', { className: 'console-role', id: consoleId('role') },
      ...ROLES.map((r) => el('option', { value: r, textContent: roleName(r) })));
    role.value = person.role;
    role.setAttribute('aria-label', t('console.people.roleFor', { name: person.displayName }));
    const room = roomSelect(person);
    const syncRoom = () => { room.disabled = role.value !== 'host'; if (room.disabled) room.value = ''; };
    role.addEventListener('change', syncRoom);
    syncRoom();
    const status = statusLine('console-row-status');
    const hosted = el('ul', { className: 'console-hosted' });
    const roomLabel = (id) => rooms.find((r) => r.roomId === id)?.label ?? t('console.room', { id });
    const renderHosted = () => {
      const ids = person.hostedRooms ?? [];
      hosted.hidden = !ids.length;
      hosted.setAttribute('aria-label', t('console.people.hostedBy', { name: person.displayName }));
      hosted.replaceChildren(...ids.map((id) => {
        const remove = actionButton(t('console.people.removeRoom'), async () => {
          status.className = 'console-row-status';
          status.textContent = t('console.people.saving');
          try {
            await socket.request('hosting.remove', { userId: person.id, roomId: id }, { retry: false });
            person.hostedRooms = (person.hostedRooms ?? []).filter((other) => other !== id);
            status.textContent = t('console.people.roomRemoved', { name: person.displayName, room: roomLabel(id) });
            status.classList.add('console-ok');
            renderHosted();
          } catch (error) {
            status.classList.add('console-bad');
            status.textContent = errorMessage(error);
          }
        }, { className: 'console-unhost' });
        remove.setAttribute('aria-label', t('console.people.removeRoomFor', { name: person.displayName, room: roomLabel(id) }));
        return el('li', { dataset: { roomId: id } }, el('span', { textContent: roomLabel(id) }), ' ', remove);
      }));
    };
    renderHosted();
    const apply = actionButton(t('console.people.apply'), async () => {
      status.className = 'console-row-status';
      status.textContent = t('console.people.saving');
      const data = { userId: person.id, role: role.value };
      if (role.value === 'host' && room.value) data.roomId = Number(room.value);
      try {
        const reply = await socket.request('role.set', data, { retry: false });
        person.role = reply.user?.role ?? role.value;
        role.value = person.role;
        // Host rights go with the host role (and the organiser's); a room given is added to the ones held.
        if (person.role !== 'host' && person.role !== 'organiser') person.hostedRooms = [];
        else if (reply.roomId != null && !(person.hostedRooms ?? []).includes(reply.roomId)) person.hostedRooms = [...(person.hostedRooms ?? []), reply.roomId];
        room.value = '';
        renderHosted();
        status.textContent = reply.roomId != null ? t('console.people.savedWithRoom', { role: roleName(person.role), room: roomLabel(reply.roomId) }) : t('console.people.saved', { role: roleName(person.role) });
        status.classList.add('console-ok');
      } catch (error) {
        status.classList.add('console-bad');
        status.textContent = error.code === 'forbidden' && person.id === me?.id ? t('console.people.notYourself') : errorMessage(error);
        role.value = person.role;
        syncRoom();
      }
    }, { className: 'console-apply' });
    apply.setAttribute('aria-label', t('console.people.applyFor', { name: person.displayName }));
    return el('tr', { dataset: { userId: person.id } },
      el('td', {}, el('span', { className: 'console-name', textContent: person.displayName }), el('br'), el('span', { className: 'console-email', textContent: person.email })),
      cell(person.organisation || ''),
      el('td', {}, when(person.lastSeenAt)),
      el('td', { className: 'console-role-cell' }, role, room, apply, hosted, status));
  }

  function renderList() {
    if (!listed) {
      nodes.list.replaceChildren(el('p', { className: 'note', textContent: t('console.people.loading') }));
      return;
    }
    if (!people.length) {
      nodes.list.replaceChildren(el('p', { className: 'note', textContent: query.q || query.role ? t('console.people.noMatch') : t('console.people.none') }));
      return;
    }
    const parts = [dataTable(t('console.people.listCaption', { count: people.length }),
      [t('console.people.person'), t('console.people.organisation'), t('console.people.lastSeen'), t('console.people.roleCol')],
      people.map(personRow), { id: 'people-table' }, { stack: true })];
    if (more) parts.push(actionButton(t('console.people.more'), () => loadList({ append: true }), { id: 'people-more' }));
    nodes.list.replaceChildren(...parts);
  }

  async function loadList({ append = false } = {}) {
    const data = { limit: PAGE };
    if (query.q) data.q = query.q;
    if (query.role) data.role = query.role;
    if (append && people.length) data.before = people.at(-1).id;
    try {
      const reply = await socket.request('people.list', data, { retry: false });
      people = append ? [...people, ...(reply.people ?? [])] : (reply.people ?? []);
      more = Boolean(reply.more);
      listed = true;
      nodes.listError.textContent = '';
      renderList();
    } catch (error) {
      nodes.listError.textContent = errorMessage(error);
    }
  }
  const refreshList = () => loadList();

  function listForm() {
    const q = el('input', { type: 'search', id: 'people-search', value: query.q });
    const role = el('select', { id: 'people-role-filter' }, el('option', { value: '', textContent: t('console.people.anyRole') }),
      ...ROLES.map((r) => el('option', { value: r, textContent: roleName(r) })));
    role.value = query.role;
    const form = el('form', { className: 'console-search', role: 'search', id: 'people-search-form' },
      labelled(t('console.people.search'), q), labelled(t('console.people.roleFilter'), role),
      el('button', { type: 'submit', textContent: t('console.people.searchSubmit') }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      query = { q: q.value.trim(), role: role.value };
      loadList();
    });
    return form;
  }

  function build() {
    nodes.result = el('div', { id: 'people-import-result' });
    nodes.list = el('div', { id: 'people-list' });
    nodes.listError = statusLine('error', 'alert');
    host.replaceChildren(
      el('h2', { id: 'admin-people-title', textContent: t('console.people.title') }),
      importForm(), nodes.result,
      el('section', { className: 'card' }, el('h3', { textContent: t('console.people.listTitle') }),
        el('p', { className: 'hint', textContent: t('console.people.roleHint') }),
        listForm(), nodes.listError, nodes.list));
    host.setAttribute('aria-labelledby', 'admin-people-title');
    renderResult();
    renderList();
  }

  return {
    async show() {
      build();
      try { rooms = await loadRooms(socket); } catch { rooms = []; }
      await loadList();
    },
    unmount() { if (linksUrl) URL.revokeObjectURL(linksUrl); host.replaceChildren(); },
    setUser(next) { me = next; },
  };
}
