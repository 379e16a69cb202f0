// The first page of someone not signed in shows the seminar, not just a wall: beside the sign-in and sign-up forms,
// its program (GET /api/program: days, sessions, times in the visitor's zone with the seminar's beside, tracks,
// host organisations, languages). app.js loads this module only for the signed-out page.
import { localized, onLocaleChange, t } from './i18n.js';
import { api } from './api.js';
import { $, el } from './dom.js';
import { LANGUAGE_NAMES, dayKey, formatDay, formatTimeRange, localizedNode } from './program-text.js';
import { timeElement, viewerZone } from './time.js';

let program = null; // the answer, once it came
let failed = false; // the last try failed (the next showing tries again)
let listening = false;

function sessionItem(session, tracks) {
  const track = tracks.get(session.trackId);
  const facts = [session.hostOrganisation, track ? localized(track.name) : ''].filter(Boolean).join(' · ');
  const item = el('li', { className: 'welcome-session', dataset: { key: session.key } },
    el('p', { className: 'welcome-time' }, timeElement(session.startsAt, formatTimeRange(session.startsAt, session.endsAt, program.timeZone))),
    localizedNode('h4', session.title, { className: 'welcome-title' }));
  if (facts) item.append(el('p', { className: 'welcome-facts', textContent: facts }));
  if (session.languages?.length) {
    const languages = el('p', { className: 'welcome-languages' }, `${t('welcome.languages')} `);
    session.languages.forEach((code, i) => {
      languages.append(i ? ', ' : '', el('span', { lang: code, textContent: LANGUAGE_NAMES[code] ?? code }));
    });
    item.append(languages);
  }
  return item;
}

function render() {
  const box = $('welcome-program');
  if (!box || (!program && !failed)) return;
  const title = el('h2', { id: 'welcome-program-title', textContent: t('welcome.program') });
  if (failed) {
    box.replaceChildren(title, el('p', { className: 'note', textContent: t('welcome.failed') }));
  } else if (!program.sessions.length) {
    box.replaceChildren(title, el('p', { className: 'note', textContent: t('welcome.empty') }));
  } else {
    const tracks = new Map(program.tracks.map((track) => [track.id, track]));
    const days = program.days.map((day) => {
      const sessions = program.sessions.filter((s) => dayKey(s.startsAt, program.timeZone) === day);
      const heading = el('h3', { id: `welcome-day-${day}`, textContent: formatDay(day, { long: true }) });
      const list = el('ol', { className: 'welcome-sessions' }, ...sessions.map((s) => sessionItem(s, tracks)));
      list.setAttribute('aria-labelledby', heading.id);
      return el('section', { className: 'welcome-day' }, heading, list);
    });
    box.replaceChildren(title, el('p', { className: 'note', id: 'welcome-zone', textContent: t('welcome.zone', { zone: viewerZone() }) }), ...days);
  }
  box.hidden = false;
}

/** Fetches the program once and shows it in #welcome-program (again in each language the visitor picks). */
export async function showWelcome() {
  if (!listening) { listening = true; onLocaleChange(render); }
  if (!program) {
    try {
      program = await api('/api/program');
      failed = false;
    } catch {
      failed = true;
    }
  }
  render();
}
