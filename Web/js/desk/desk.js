// The welcome desk area. `#/desk`: the live guide (what is on now and next, your next session and meeting,
// the desk's hours), the FAQ with its search (organisers edit it), and a way to ask a person.
// `#/desk/agent`: the agents' console (desk-agent.js), for agents and organisers.
import { localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { getSeminar } from '../seminar.js';
import { el } from '../dom.js';
import { openHelp } from '../help-button.js';
import { deskHours } from './desk-shared.js';
import { mountFaq } from './desk-faq.js';
import { dateTimeElement, formatSoon } from '../time.js';
import { localizedNode } from '../program-text.js';

const GUIDE_REFRESH_MS = 60000;
const isAgent = (user) => user?.role === 'agent' || user?.role === 'organiser';

function sessionItem(session, zone, { live = false } = {}) {
  const links = el('p', { className: 'guide-links' });
  if (session.roomId != null) {
    links.append(el('a', { className: 'guide-join', href: `#/room/${encodeURIComponent(session.roomId)}`,
      textContent: live ? t('desk.guide.join') : t('desk.guide.goRoom') }));
  }
  links.append(el('a', { className: 'guide-details', href: `#/sessions/${encodeURIComponent(session.id)}`, textContent: t('desk.guide.details') }));
  const when = el('time', { textContent: formatSoon(session.startsAt, session.endsAt, zone) });
  if (session.startsAt) when.dateTime = session.startsAt;
  return el('li', { className: `guide-session${live ? ' is-live' : ''}`, dataset: { sessionId: String(session.id) } },
    localized(session.title) ? localizedNode('p', session.title, { className: 'guide-title' }) : el('p', { className: 'guide-title', textContent: t('desk.guide.untitled') }),
    el('p', { className: 'guide-meta' }, when, session.room ? ` · ${session.room}` : ''),
    links);
}

export function mount({ section, socket, user }) {
  let me = user;
  let guide = null;
  let guideError = null;
  let timer = 0;
  let route = 'guide';
  let agentConsole = null;   // mounted desk-agent.js instance
  let following = false;

  const heading = el('h1', { id: 'area-desk-title', tabIndex: -1 });
  const tabs = el('nav', { className: 'desk-tabs' });
  const intro = el('p', { className: 'tagline desk-intro' });
  const guideBox = el('section', { className: 'card desk-guide', id: 'desk-guide' });
  guideBox.setAttribute('aria-labelledby', 'desk-guide-title');
  const faqBox = el('section', { className: 'card desk-faq', id: 'desk-faq' });
  faqBox.setAttribute('aria-labelledby', 'desk-faq-title');
  const page = el('div', { className: 'desk-page' }, intro, guideBox, faqBox);
  const agentBox = el('div', { className: 'desk-agent-host', id: 'desk-agent-host', hidden: true });
  section.replaceChildren(heading, tabs, page, agentBox);
  section.setAttribute('aria-labelledby', 'area-desk-title');
  section.classList.add('desk-area');
  const faq = mountFaq({ box: faqBox, socket, user: me });

  function renderTabs() {
    tabs.hidden = !isAgent(me);
    tabs.setAttribute('aria-label', t('desk.tabs'));
    const link = (hash, key, name) => {
      const a = el('a', { href: hash, className: 'desk-tab', textContent: t(key) });
      if (route === name) a.setAttribute('aria-current', 'page');
      return a;
    };
    tabs.replaceChildren(link('#/desk', 'desk.tab.guide', 'guide'), link('#/desk/agent', 'desk.tab.agent', 'agent'));
  }

  function renderGuide() {
    const zone = guide?.desk?.timeZone || getSeminar()?.timeZone || '';
    const ask = el('button', { type: 'button', className: 'primary desk-ask', id: 'desk-ask', textContent: t('desk.ask') });
    ask.addEventListener('click', () => openHelp());
    const deskLine = el('p', { className: 'desk-status', id: 'desk-status' });
    if (guide?.desk) {
      const d = guide.desk;
      deskLine.dataset.open = String(Boolean(d.open));
      deskLine.append(el('strong', { textContent: d.open ? t('desk.status.open') : t('desk.status.closed') }), ' · ', deskHours(d));
      if (d.open) deskLine.append(' · ', t('desk.status.agents', { count: d.agentsOnline ?? 0 }));
      if (d.waiting) deskLine.append(' · ', t('desk.status.waiting', { count: d.waiting }));
    }
    const blocks = [el('h2', { id: 'desk-guide-title', textContent: t('desk.guide.title') }),
      el('div', { className: 'desk-help-row' }, deskLine, ask)];
    if (guideError) blocks.push(el('p', { className: 'error', textContent: errorMessage(guideError) }));
    if (guide) {
      const list = (items, live, emptyKey, id) => (items?.length
        ? el('ul', { className: 'guide-list', id }, ...items.map((s) => sessionItem(s, zone, { live })))
        : el('p', { className: 'note', textContent: t(emptyKey) }));
      blocks.push(el('h3', { textContent: t('desk.guide.now') }), list(guide.now, true, 'desk.guide.nowEmpty', 'guide-now'));
      const ch = guide.channel;
      // The server sends the channel as in the `seminar` snapshot ({roomId, name, now: {title}}); a plain
      // {title, streamUrl} is understood too.
      const channelName = ch ? (typeof ch.title === 'string' ? ch.title : localized(ch.name)) : '';
      if (channelName) {
        const onNow = localized(ch.now?.title);
        const channel = el('p', { className: 'guide-channel' }, el('strong', { textContent: t('desk.guide.channel') }), ' ', channelName,
          ...(onNow ? [' — ', localizedNode('span', ch.now.title)] : []));
        if (ch.roomId != null) {
          channel.append(' ', el('a', { href: `#/room/${encodeURIComponent(ch.roomId)}`, className: 'guide-watch', textContent: t('desk.guide.watch') }));
        }
        blocks.push(channel);
      }
      blocks.push(el('h3', { textContent: t('desk.guide.next') }), list(guide.next, false, 'desk.guide.nextEmpty', 'guide-next'));
      const yours = el('ul', { className: 'guide-list guide-yours', id: 'guide-yours' });
      const session = guide.yours?.session;
      if (session) {
        const item = sessionItem(session, zone, { live: session.state === 'live' || session.state === 'open' });
        item.prepend(el('p', { className: 'guide-kind', textContent: t('desk.guide.yourSession') }));
        yours.append(item);
      }
      const meeting = guide.yours?.meeting;
      if (meeting) {
        const start = meeting.slot?.startsAt;
        yours.append(el('li', { className: 'guide-session guide-meeting' },
          el('p', { className: 'guide-kind', textContent: t('desk.guide.yourMeeting') }),
          el('p', { className: 'guide-title', textContent: t('desk.guide.meetingWith', { name: meeting.with?.displayName ?? '' }) }),
          el('p', { className: 'guide-meta' }, start ? dateTimeElement(start) : '', meeting.table != null ? ` · ${t('desk.guide.table', { table: meeting.table })}` : ''),
          el('p', { className: 'guide-links' }, el('a', { className: 'guide-join', href: `#/table/${encodeURIComponent(meeting.id)}`, textContent: t('desk.guide.goTable') }))));
      }
      blocks.push(el('h3', { textContent: t('desk.guide.yours') }),
        yours.children.length ? yours : el('p', { className: 'note' }, t('desk.guide.yoursEmpty'), ' ',
          el('a', { href: '#/sessions', textContent: t('desk.guide.browse') })));
    } else if (!guideError) {
      blocks.push(el('p', { className: 'note', textContent: t('app.loading') }));
    }
    guideBox.replaceChildren(...blocks);
  }

  async function loadGuide() {
    try {
      guide = await socket.request('guide.now', {}, { retry: false });
      guideError = null;
    } catch (error) {
      guideError = error;
    }
    if (route === 'guide') renderGuide();
  }

  // Rooms opening and sessions changing move the guide: refresh it (at most every few seconds).
  let pending = 0;
  const onSeminar = (event) => {
    if (!['room.state', 'session.updated'].includes(event.type) || pending) return;
    pending = setTimeout(() => { pending = 0; loadGuide(); }, 1500);
  };
  function startLive() {
    if (following) return;
    following = true;
    socket.subscribe('seminar', onSeminar, null).catch(() => { following = false; });
    timer = setInterval(loadGuide, GUIDE_REFRESH_MS);
  }
  function stopLive() {
    if (following) socket.unsubscribe('seminar', onSeminar);
    following = false;
    clearInterval(timer);
    clearTimeout(pending);
    pending = 0;
  }

  async function showAgent() {
    if (!agentConsole) {
      const module = await import('./desk-agent.js');
      agentConsole = module.mountAgentConsole({ box: agentBox, socket, user: me });
    }
    agentConsole.show();
  }

  return {
    async show(path = []) {
      const wanted = path[0] === 'agent' && isAgent(me) ? 'agent' : 'guide';
      if (route !== wanted && route === 'agent') agentConsole?.hide();
      route = wanted;
      heading.textContent = route === 'agent' ? t('desk.agent.title') : t('area.desk');
      renderTabs();
      page.hidden = route !== 'guide';
      agentBox.hidden = route !== 'agent';
      if (route === 'guide') {
        intro.textContent = t('desk.intro');
        agentConsole?.hide();
        renderGuide();
        faq.render();
        startLive();
        loadGuide();
        faq.load();
      } else {
        stopLive();
        await showAgent();
      }
    },
    hide() {
      stopLive();
      agentConsole?.hide();
    },
    unmount() {
      stopLive();
      agentConsole?.unmount();
      faq.unmount();
      section.replaceChildren();
    },
    setUser(next) {
      me = next;
      faq.setUser(next);
      agentConsole?.setUser?.(next);
      renderTabs();
      // No longer an agent: the console stops here (it says why); the shell takes the person home (home.js).
      if (!isAgent(me) && route === 'agent') agentConsole?.stop();
    },
  };
}
