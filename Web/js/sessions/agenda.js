// My agenda (#/agenda): bookmarked sessions with clashes marked, meetings when agenda.get has them, links to
// each session and room, the iCalendar download, and the calendar-app address with a way to revoke it.
import { localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { api } from '../api.js';
import { attrs, el } from '../dom.js';
import { getSeminar } from '../seminar.js';
import { dayKey, formatDay, localizedNode, sessionTimeNode, stateKey } from '../program-text.js';
import { bookmarkButton } from './bookmark.js';

const byStart = (a, b) => String(a.startsAt).localeCompare(String(b.startsAt));

export function mount({ section, socket }) {
  let reply = null;
  let visible = false;
  const status = attrs(el('p', { className: 'note', id: 'agenda-status' }), { role: 'status' });
  const error = attrs(el('p', { className: 'error', id: 'agenda-error' }), { role: 'alert' });
  const zone = () => getSeminar()?.timeZone;

  /** Everything in the agenda as `{kind, startsAt, endsAt, key, item}`, in time order. */
  function entries() {
    const sessions = (reply.sessions || []).filter((e) => e?.session).map((e) => ({
      kind: 'session', key: `session:${e.session.id}`, startsAt: e.session.startsAt, endsAt: e.session.endsAt, item: e,
    }));
    const meetings = (Array.isArray(reply.meetings) ? reply.meetings : []).map((e) => (e?.meeting ? e : { meeting: e, clashesWith: [] }))
      .filter((e) => e.meeting?.slot).map((e) => ({
        kind: 'meeting', key: `meeting:${e.meeting.id}`, startsAt: e.meeting.slot.startsAt, endsAt: e.meeting.slot.endsAt, item: e,
      }));
    return [...sessions, ...meetings].sort(byStart);
  }

  function titleOf(entry) {
    if (entry.kind === 'session') return localized(entry.item.session.title);
    return t('agenda.meetingWith', { name: entry.item.meeting.with?.displayName || '' });
  }

  function clashNote(entry, all) {
    const clashes = Array.isArray(entry.item.clashesWith) ? entry.item.clashesWith : [];
    if (!clashes.length) return '';
    const names = clashes.map((key) => all.find((e) => e.key === key)).filter(Boolean).map(titleOf);
    return el('p', { className: 'clash' }, el('strong', { textContent: `⚠ ${t('agenda.clash')}` }), ' ',
      names.length ? t('agenda.clashWith', { titles: names.join(', ') }) : t('agenda.clashOther'));
  }

  function sessionItem(entry, all) {
    const s = entry.item.session;
    const key = stateKey(s.state);
    s.bookmarked = true;
    return el('li', { className: `agenda-item${entry.item.clashesWith?.length ? ' has-clash' : ''}`, dataset: { sessionId: s.id } },
      el('p', { className: 'agenda-when' }, sessionTimeNode(s, zone()),
        key ? el('span', { className: `badge state-${s.state}`, textContent: t(key) }) : ''),
      el('h3', {}, localizedNode('a', s.title, { href: `#/sessions/${s.id}` })),
      clashNote(entry, all),
      el('p', { className: 'agenda-actions' },
        s.roomId ? el('a', { className: 'button-link', href: `#/room/${s.roomId}`, textContent: t('sessions.enterRoom') }) : '',
        bookmarkButton(socket, s, () => load())));
  }

  function meetingItem(entry, all) {
    const m = entry.item.meeting;
    return el('li', { className: `agenda-item meeting${entry.item.clashesWith?.length ? ' has-clash' : ''}`, dataset: { meetingId: m.id } },
      el('p', { className: 'agenda-when' }, sessionTimeNode({ startsAt: m.slot.startsAt, endsAt: m.slot.endsAt }, zone()),
        el('span', { className: 'badge', textContent: t('agenda.meeting') })),
      el('h3', { textContent: titleOf(entry) }),
      clashNote(entry, all),
      m.roomId ? el('p', { className: 'agenda-actions' }, el('a', { className: 'button-link', href: `#/table/${m.id}`, textContent: t('agenda.meetingTable') })) : '');
  }

  function calendarBox() {
    const address = reply.calendarUrl ? new URL(reply.calendarUrl, location.href).href : '';
    const input = el('input', { type: 'text', id: 'calendar-url', readOnly: true, value: address });
    const copy = el('button', { type: 'button', id: 'calendar-copy', textContent: t('agenda.copy') });
    copy.addEventListener('click', async () => {
      input.select();
      try { await navigator.clipboard.writeText(address); status.textContent = t('agenda.copied'); } catch { status.textContent = t('agenda.copyManually'); }
    });
    const revoke = el('button', { type: 'button', id: 'calendar-revoke', textContent: t('agenda.revoke') });
    revoke.addEventListener('click', async () => {
      if (!window.confirm(t('agenda.revokeConfirm'))) return;
      revoke.disabled = true;
      error.textContent = '';
      try {
        const answer = await api('/api/calendar/revoke', { method: 'POST' });
        reply.calendarUrl = answer.calendarUrl;
        render();
        status.textContent = t('agenda.revoked');
        section.querySelector('#calendar-url')?.focus();
      } catch (e) {
        error.textContent = errorMessage(e);
        revoke.disabled = false;
      }
    });
    return el('section', { className: 'card calendar' },
      el('h2', { textContent: t('agenda.calendar') }),
      el('p', {}, el('a', { href: '/api/agenda.ics', download: 'agenda.ics', id: 'agenda-ics', className: 'tap-link', textContent: t('agenda.download') })),
      address ? el('div', { className: 'field' }, el('label', { htmlFor: 'calendar-url', textContent: t('agenda.calendarUrl') }), input,
        el('p', { className: 'hint', textContent: t('agenda.calendarHint') })) : '',
      address ? el('p', { className: 'row' }, copy, revoke) : '');
  }

  function render() {
    const all = entries();
    const parts = [el('h1', { id: 'area-agenda-title', tabIndex: -1, textContent: t('agenda.title') }), status, error];
    if (!all.length) {
      parts.push(el('p', { className: 'note empty', textContent: t('agenda.empty') }), el('p', {}, el('a', { href: '#/sessions', className: 'tap-link', textContent: t('agenda.toProgram') })));
    } else {
      let day = null;
      let list = null;
      for (const entry of all) {
        const d = dayKey(entry.startsAt, zone());
        if (d !== day) {
          day = d;
          parts.push(el('h2', { textContent: formatDay(d, { long: true }) }));
          list = el('ol', { className: 'agenda-list' });
          parts.push(list);
        }
        list.append(entry.kind === 'session' ? sessionItem(entry, all) : meetingItem(entry, all));
      }
    }
    parts.push(calendarBox());
    section.replaceChildren(...parts);
  }

  async function load() {
    try {
      reply = await socket.request('agenda.get');
      if (visible) render();
    } catch (e) {
      if (!reply) section.replaceChildren(el('h1', { id: 'area-agenda-title', tabIndex: -1, textContent: t('agenda.title') }), error);
      error.textContent = errorMessage(e);
    }
  }

  return {
    async show() { visible = true; status.textContent = ''; await load(); },
    hide() { visible = false; },
    unmount() { visible = false; },
  };
}
