// The program (#/sessions): days as tabs in the seminar's time zone, filters by track and language, what is
// live now, bookmarks; and a session's page (#/sessions/<id>, in session-page.js). Live from the `seminar`
// topic: `session.updated` and `room.state`.
import { localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { attrs, el } from '../dom.js';
import { dayKey, formatDay, formatTimeRange, languageList, languagesOf, localizedNode, stateKey } from '../program-text.js';
import { showSessionPage } from './session-page.js';
import { bookmarkButton } from './bookmark.js';
import { viewerZone } from '../time.js';

const LANGUAGE_NAMES = { fr: 'Français', en: 'English', es: 'Español' };

export function mount({ section, socket, go }) {
  let program = null;      // program.get reply
  let path = [];
  let visible = false;
  let day = null;
  let track = '';
  let language = '';
  let page = null;         // the session page's controller while shown
  const listNode = el('div', { className: 'program-list' });

  function updateSummary(summary) {
    if (!program || !summary?.id) return;
    const index = program.sessions.findIndex((s) => s.id === summary.id);
    if (index < 0) program.sessions.push(summary);
    else program.sessions[index] = { ...program.sessions[index], ...summary, bookmarked: program.sessions[index].bookmarked };
  }

  function onEvent(event) {
    if (event.type === 'session.updated') updateSummary(event.data);
    else if (event.type === 'room.state' && program) {
      for (const s of program.sessions) if (s.id === event.data?.sessionId || s.roomId === event.data?.roomId) s.state = event.data.state;
    } else if (event.type === 'replay.added') {
      page?.onSeminarEvent?.(event);  // the session's page shows it; the list has nothing to change
      return;
    } else return;
    page?.onSeminarEvent?.(event);
    if (visible && !path.length) renderList();
  }
  function onSnapshot(snapshot) {
    if (!program || !Array.isArray(snapshot?.live)) return;
    const live = new Set(snapshot.live.map((l) => l.sessionId));
    for (const s of program.sessions) {
      if (live.has(s.id)) s.state = 'live';
      else if (s.state === 'live') s.state = 'ended';
    }
    if (visible && !path.length) renderList();
  }
  socket.subscribe('seminar', onEvent, onSnapshot).catch((error) => console.warn('seminar topic', error.code));

  const trackName = (id) => localized(program?.tracks?.find((tr) => tr.id === id)?.name);

  function sessionItem(session) {
    const key = stateKey(session.state);
    const badge = key ? el('span', { className: `badge state-${session.state}`, textContent: t(key) }) : '';
    const time = el('time', { className: 'session-time', textContent: formatTimeRange(session.startsAt, session.endsAt, program.timeZone) });
    time.dateTime = session.startsAt;
    const title = localizedNode('a', session.title, { href: `#/sessions/${session.id}`, className: 'session-title' });
    const meta = [trackName(session.trackId), session.room, session.hostOrganisation].filter(Boolean).join(' · ');
    const held = heldIn(session.languages);
    return el('li', { className: `session-item${session.state === 'live' ? ' is-live' : ''}`, dataset: { sessionId: session.id, state: session.state } },
      el('div', { className: 'session-when' }, time, badge),
      el('div', { className: 'session-what' }, el('h3', {}, title), meta ? el('p', { className: 'session-meta', textContent: meta }) : '',
        held ? el('p', { className: 'session-meta session-languages', textContent: held }) : ''),
      bookmarkButton(socket, session));
  }

  /** "Languages: French and Spanish" in the reader's language, or '' when the program does not say. */
  function heldIn(languages) {
    const list = languageList(languages);
    return list ? t('sessions.heldIn', { languages: list }) : '';
  }

  /** The languages a session is held in: what the program says, else those its texts are written in. */
  function heldInLanguages(session) {
    if (session.languages?.length) return session.languages;
    return [...new Set([...languagesOf(session.title), ...languagesOf(session.description)])];
  }

  function filtered() {
    return program.sessions
      .filter((s) => dayKey(s.startsAt, program.timeZone) === day)
      .filter((s) => !track || String(s.trackId) === track)
      .filter((s) => !language || heldInLanguages(s).includes(language))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  }

  function renderList() {
    // Live updates re-render the list: keep the focus on the same session's control.
    const focused = document.activeElement;
    const focusedItem = listNode.contains(focused) ? focused.closest('.session-item')?.dataset.sessionId : null;
    const focusedClass = focused?.classList?.[0];
    const sessions = filtered();
    const liveNow = program.sessions.filter((s) => s.state === 'live');
    listNode.replaceChildren(
      liveNow.length ? attrs(el('p', { className: 'live-now' },
        el('span', { className: 'badge state-live', textContent: t('sessions.state.live') }), ' ',
        ...liveNow.flatMap((s, i) => [i ? ', ' : '', localizedNode('a', s.title, { href: `#/sessions/${s.id}` })])), {}) : '',
      sessions.length ? attrs(el('ol', { className: 'sessions' }, ...sessions.map(sessionItem)), { 'aria-label': t('sessions.listLabel', { day: formatDay(day, { long: true }) }) })
        : el('p', { className: 'note', textContent: t('sessions.none') }));
    if (focusedItem && focusedClass) listNode.querySelector(`.session-item[data-session-id="${focusedItem}"] .${focusedClass}`)?.focus();
  }

  function dayTabs() {
    const tabs = program.days.map((d) => {
      const tab = attrs(el('button', { type: 'button', id: `day-tab-${d}`, className: 'day-tab', textContent: formatDay(d), dataset: { day: d } }), { role: 'tab' });
      tab.setAttribute('aria-selected', String(d === day));
      tab.setAttribute('aria-controls', 'program-panel');
      tab.tabIndex = d === day ? 0 : -1;
      tab.addEventListener('click', () => { day = d; renderProgram(); section.querySelector(`#day-tab-${d}`)?.focus(); });
      return tab;
    });
    const list = attrs(el('div', { className: 'day-tabs' }, ...tabs), { role: 'tablist', 'aria-label': t('sessions.days') });
    list.addEventListener('keydown', (event) => {
      const index = program.days.indexOf(day);
      const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: program.days.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      const next = program.days[Math.max(0, Math.min(program.days.length - 1, moves[event.key]))];
      day = next;
      renderProgram();
      section.querySelector(`#day-tab-${next}`)?.focus();
    });
    return list;
  }

  function filters() {
    const trackSelect = el('select', { id: 'program-track' },
      el('option', { value: '', textContent: t('sessions.allTracks') }),
      ...program.tracks.map((tr) => el('option', { value: String(tr.id), textContent: localized(tr.name) })));
    trackSelect.value = track;
    trackSelect.addEventListener('change', () => { track = trackSelect.value; renderList(); });
    const languageSelect = el('select', { id: 'program-language' },
      el('option', { value: '', textContent: t('sessions.allLanguages') }),
      ...Object.entries(LANGUAGE_NAMES).map(([value, name]) => el('option', { value, lang: value, textContent: name })));
    languageSelect.value = language;
    languageSelect.addEventListener('change', () => { language = languageSelect.value; renderList(); });
    return el('div', { className: 'filters' },
      el('div', { className: 'field' }, el('label', { htmlFor: 'program-track', textContent: t('sessions.track') }), trackSelect),
      el('div', { className: 'field' }, el('label', { htmlFor: 'program-language', textContent: t('sessions.language') }), languageSelect));
  }

  function renderProgram() {
    const heading = el('h1', { id: 'area-sessions-title', tabIndex: -1, textContent: t('sessions.title') });
    section.replaceChildren(heading,
      el('p', { className: 'note', textContent: t('sessions.zoneNote', { zone: program.timeZone, here: viewerZone() }) }),
      filters(), dayTabs(),
      attrs(el('div', { id: 'program-panel' }, listNode), { role: 'tabpanel', 'aria-labelledby': `day-tab-${day}` }));
    renderList();
  }

  async function loadProgram() {
    program = await socket.request('program.get');
    program.sessions ??= [];
    program.tracks ??= [];
    program.days = Array.isArray(program.days) && program.days.length ? program.days
      : [...new Set(program.sessions.map((s) => dayKey(s.startsAt, program.timeZone)))].sort();
    if (!program.days.includes(day)) {
      const today = dayKey(new Date().toISOString(), program.timeZone);
      day = program.days.includes(today) ? today : program.days[0];
    }
  }

  function showError(error) {
    section.replaceChildren(el('h1', { id: 'area-sessions-title', tabIndex: -1, textContent: t('sessions.title') }),
      attrs(el('p', { className: 'error', textContent: errorMessage(error) }), { role: 'alert' }));
  }

  return {
    async show(next) {
      path = next;
      visible = true;
      page?.close();
      page = null;
      try {
        if (path.length) {
          if (!program) await loadProgram().catch(() => {});
          page = await showSessionPage({ section, socket, sessionId: Number(path[0]), program, go });
        } else {
          await loadProgram();
          renderProgram();
        }
      } catch (error) {
        showError(error);
      }
    },
    hide() { visible = false; page?.close(); page = null; },
    unmount() { visible = false; page?.close(); page = null; socket.unsubscribe('seminar', onEvent); },
  };
}
