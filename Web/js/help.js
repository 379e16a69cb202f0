// "Need help?": the panel behind the button on every page (help-button.js loads this module when it is needed).
// The person asks the welcome desk a question (with the page they are on), sees their place in the queue and the
// estimated wait live, then chats with the agent, follows "take me there" links in one click, and may close the
// request. The open ticket comes back after a reload (desk.ticket), and replies are read out (aria-live).
import { onLocaleChange, t } from './i18n.js';
import { $, announce, el, statusLine } from './dom.js';
import { localizedNode } from './program-text.js';
import { deskErrorText, deskHours, formatWait, renderDeskMessage, roomIdFromHash, transcriptItems } from './desk/desk-shared.js';
import { FAQ_HINT_MIN, helpRequest } from './desk/help-request.js';

const OPEN_KEY = 'seminar.helpOpen';

const remembered = () => { try { return sessionStorage.getItem(OPEN_KEY) === '1'; } catch { return false; } };
const remember = (open) => { try { sessionStorage.setItem(OPEN_KEY, open ? '1' : '0'); } catch { /* not kept */ } };

function build() {
  const root = $('help-root');
  const badge = el('span', { className: 'help-badge', hidden: true });
  const button = el('button', { type: 'button', id: 'help-button', className: 'help-button' },
    el('span', { className: 'help-button-icon', textContent: '?' }),
    el('span', { id: 'help-button-label', className: 'help-button-label' }), badge);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'help-panel');
  const announcer = el('p', { id: 'help-announcer', className: 'visually-hidden' });
  announcer.setAttribute('aria-live', 'polite');

  const title = el('h2', { id: 'help-title', tabIndex: -1 });
  const close = el('button', { type: 'button', id: 'help-close', className: 'help-close' }, el('span', { textContent: '×' }));
  close.firstChild.setAttribute('aria-hidden', 'true');
  const deskStatus = el('p', { id: 'help-desk-status', className: 'note' });
  const status = statusLine('help-status', 'status', 'help-status');
  const log = el('ol', { id: 'help-log', className: 'desk-log' });
  log.setAttribute('aria-live', 'polite'); // not role=log: the <ol> stays a list of messages
  const intro = el('p', { id: 'help-intro', className: 'help-intro' });
  const faqHints = el('div', { id: 'help-faq', className: 'help-faq', hidden: true });
  const label = el('label', { htmlFor: 'help-text' });
  const text = el('textarea', { id: 'help-text', name: 'text', rows: 3, maxLength: 2000, required: true });
  const hint = el('p', { id: 'help-hint', className: 'hint' });
  text.setAttribute('aria-describedby', 'help-hint');
  const error = statusLine('error', 'alert', 'help-error');
  const submit = el('button', { type: 'submit', id: 'help-submit', className: 'primary' });
  const form = el('form', { id: 'help-form', className: 'help-form', noValidate: true },
    el('div', { className: 'field' }, label, text, hint), faqHints, error, submit);
  const resolve = el('button', { type: 'button', id: 'help-resolve', className: 'help-resolve', hidden: true });
  const again = el('button', { type: 'button', id: 'help-new', hidden: true });
  const faqLink = el('a', { id: 'help-faq-link', href: '#/desk' });
  const body = el('div', { className: 'help-body' }, intro, deskStatus, log, form,
    el('div', { className: 'help-actions' }, resolve, again, faqLink));
  const panel = el('section', { id: 'help-panel', className: 'help-panel', hidden: true },
    el('div', { className: 'help-head' }, title, close), status, body);
  panel.setAttribute('aria-labelledby', 'help-title');
  root.replaceChildren(button, announcer, panel);
  return { root, button, badge, announcer, panel, body, title, close, deskStatus, status, log, intro, faqHints, label, text, hint, error, submit, form, resolve, again, faqLink };
}

/**
 * Mounts the button and panel into #help-root (in place of help-button.js's button); `unread`: replies that came
 * before. Returns `{ setUser, open, unmount }`.
 */
export function mountHelp({ socket, user, unread: before = 0 }) {
  const ui = build();
  let me = user;
  let topic = null;
  const request = helpRequest(before); // desk/help-request.js: the ticket shown, its messages, unread, error, FAQ hints
  let faqTimer = 0;

  const isOpen = () => !ui.panel.hidden;
  const active = () => request.active();

  function renderButton() {
    ui.button.setAttribute('aria-expanded', String(isOpen()));
    let label = t('help.button');
    const { ticket, unread } = request;
    if (active()) label = ticket.state === 'waiting' ? t('help.button.waiting') : t('help.button.claimed');
    $('help-button-label').textContent = label;
    ui.badge.hidden = unread === 0;
    ui.badge.textContent = unread ? String(unread) : '';
    ui.button.setAttribute('aria-label', unread ? `${label} — ${t('help.unread', { count: unread })}` : label);
    ui.button.dataset.state = active() ? ticket.state : 'idle';
  }

  function statusText() {
    const { ticket } = request;
    if (!ticket) return '';
    if (ticket.state === 'waiting') {
      const parts = [];
      if (typeof ticket.position === 'number') parts.push(t('help.position', { position: ticket.position }));
      else parts.push(t('help.waiting'));
      const wait = formatWait(ticket.estimatedWaitMs);
      if (wait) parts.push(t('help.estimate', { wait }));
      return parts.join(' ');
    }
    if (ticket.state === 'claimed') return t('help.claimed', { name: ticket.agent?.displayName ?? '' });
    return t('help.resolved');
  }

  function renderDesk() {
    const { desk } = request;
    if (active() || !desk) { ui.deskStatus.textContent = ''; return; }
    const hours = deskHours(desk);
    ui.deskStatus.textContent = desk.open
      ? t('help.desk.open', { hours, agents: desk.agentsOnline ?? 0 })
      : t('help.desk.closed', { hours });
  }

  function renderLog() {
    const items = request.ticket ? transcriptItems(request.ticket, request.messages) : [];
    // Re-render only what is new, so that the live region reads out new replies and nothing else.
    const shown = new Set([...ui.log.children].map((li) => li.dataset.id));
    const wanted = items.map((m) => String(m.id));
    if (wanted.length < shown.size || [...shown].some((id) => !wanted.includes(id))) ui.log.replaceChildren();
    const have = new Set([...ui.log.children].map((li) => li.dataset.id));
    let added = false;
    for (const m of items) {
      if (have.has(String(m.id))) continue;
      ui.log.append(renderDeskMessage(m, { me: me?.id, onFollow }));
      added = true;
    }
    ui.log.hidden = items.length === 0;
    if (added) ui.body.scrollTop = ui.body.scrollHeight; // the newest line and the reply box in view
  }

  function renderFaqHints() {
    const entries = request.faqHints(ui.text.value);
    ui.faqHints.hidden = entries.length === 0;
    if (!entries.length) { ui.faqHints.replaceChildren(); return; }
    ui.faqHints.replaceChildren(el('p', { className: 'help-faq-title', textContent: t('help.faq.maybe') }),
      el('ul', {}, ...entries.map((entry) => el('li', {},
        el('details', {}, localizedNode('summary', entry.question),
          localizedNode('p', entry.answer, { className: 'faq-answer' }))))));
  }

  function render() {
    const { ticket, busy, error } = request;
    ui.title.textContent = t('help.title');
    ui.close.setAttribute('aria-label', t('help.close'));
    ui.intro.textContent = active() ? '' : t('help.intro');
    ui.intro.hidden = Boolean(active());
    ui.status.textContent = statusText();
    ui.status.dataset.state = ticket?.state ?? 'none';
    ui.label.textContent = active() ? t('help.reply.label') : t('help.ask.label');
    ui.hint.textContent = active() ? '' : t('help.ask.hint');
    ui.submit.textContent = busy ? t('help.sending') : active() ? t('help.reply.submit') : t('help.ask.submit');
    ui.submit.disabled = busy;
    ui.form.hidden = ticket?.state === 'resolved';
    ui.resolve.hidden = !active();
    ui.resolve.textContent = t('help.resolve');
    ui.again.hidden = ticket?.state !== 'resolved';
    ui.again.textContent = t('help.again');
    ui.faqLink.textContent = t('help.faqLink');
    ui.error.textContent = error ? deskErrorText(error) : '';
    ui.text.toggleAttribute('aria-invalid', Boolean(error?.field === 'text'));
    renderDesk();
    renderLog();
    renderFaqHints();
    renderButton();
  }

  function open({ focus = true } = {}) {
    ui.panel.hidden = false;
    document.documentElement.classList.add('help-open'); // wide screens make room for it: it covers nothing
    remember(true);
    markRead();
    render();
    if (active()) ui.body.scrollTop = ui.body.scrollHeight;
    else refreshDesk();
    if (focus) (ui.form.hidden ? ui.title : ui.text).focus();
  }

  function close({ focus = true } = {}) {
    ui.panel.hidden = true;
    document.documentElement.classList.remove('help-open');
    remember(false);
    renderButton();
    if (focus) ui.button.focus();
  }

  /** After following a "take me there" link: on a small screen the panel would hide the new page. Any other way to
   * another page closes it (onRoute). */
  let followed = false; // a "take me there" link was followed: on a wide screen the conversation stays open beside the page
  function onFollow() {
    if (matchMedia('(max-width: 40rem)').matches) close({ focus: false });
    else followed = true;
  }

  async function refreshDesk() {
    try {
      const guide = await socket.request('guide.now', {}, { retry: false });
      request.setDesk(guide.desk);
      renderDesk();
    } catch { /* the hours are a nicety */ }
  }

  /** Takes the server's ticket: the open one, or the one we show if it has just been closed. */
  function adopt(next, transcript) {
    const was = request.ticket?.state;
    if (!request.adopt(next, transcript, me?.id)) return;
    if (was === 'waiting' && next.state === 'claimed') sayClosed(t('help.claimed', { name: next.agent?.displayName ?? '' }));
    render();
  }

  function sayClosed(text) {
    if (isOpen()) return; // the panel's own live regions speak
    announce(ui.announcer, text);
  }

  /** Read up to the last message: the mark is the person's (the server tells their other tabs and devices). */
  function markRead() {
    const data = request.read();
    if (data) socket.request('desk.read', data).catch(() => {});
  }

  /** The open ticket (or none) from the server: on mount, and after every (re)subscribe. */
  async function restore() {
    try {
      const reply = await socket.request('desk.ticket', {}, { retry: false });
      const server = reply.ticket ?? null;
      if (!server) return;
      if (server.state === 'resolved' && request.ticket?.id !== server.id) return; // a past request: start afresh
      adopt(server, Array.isArray(reply.messages) ? reply.messages : []);
      if (isOpen()) markRead(); else request.setUnread(reply.unread ?? 0);
      renderButton();
    } catch (error) {
      if (error.code !== 'not_found') console.warn('desk.ticket', error.code);
    }
  }

  function onEvent(event) {
    const data = event.data ?? {};
    if (event.type === 'ticket.updated') {
      const next = data.ticket;
      if (!next || next.asker?.id !== me?.id) return;
      if (!request.ticket || request.ticket.id !== next.id) {
        if (next.state === 'resolved') return;
        request.clear();
        adopt(next);
        restore(); // a ticket opened in another tab: fetch its transcript
        return;
      }
      adopt(next);
    } else if (event.type === 'desk.message') {
      if (!request.addMessage(data)) return; // not new, or not this request's (e.g. an agent's own tickets)
      if (data.author?.id !== me?.id) {
        if (isOpen()) markRead(); else request.countUnread();
        sayClosed(t('help.newReply', { name: data.author?.displayName ?? '' }));
      }
      render();
    } else if (event.type === 'desk.read') {
      if (request.ticket?.id !== data.ticketId) return;
      if (request.readElsewhere(data.upTo)) renderButton(); else restore();
    } else if (event.type === 'desk.position') {
      if (request.moved(data)) render();
    }
  }

  function follow() {
    if (!me?.id) return;
    const next = `user:${me.id}`;
    if (topic === next) return;
    if (topic) socket.unsubscribe(topic, onEvent);
    topic = next;
    socket.subscribe(topic, onEvent, () => restore()).catch((error) => console.warn('help topic', error.code));
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (request.busy) return;
    const value = ui.text.value.trim();
    if (!value) {
      request.failed({ code: 'invalid', field: 'text' });
      render();
      ui.text.focus();
      return;
    }
    request.sending();
    render();
    try {
      if (active()) {
        const ticketId = request.ticket.id;
        await socket.request('desk.message', { ticketId, text: value });
        ui.text.value = '';
        // The event brings it too; the transcript makes sure we show it even if the event was missed.
        const reply = await socket.request('desk.ticket', { ticketId }, { retry: false }).catch(() => null);
        if (reply?.ticket?.id === request.ticket?.id) adopt(reply.ticket, reply.messages ?? request.messages);
      } else {
        const data = { text: value, page: location.hash.slice(0, 200) || '#/' };
        const roomId = roomIdFromHash();
        if (roomId) data.roomId = roomId;
        const reply = await socket.request('desk.ask', data);
        ui.text.value = '';
        request.clearFaq();
        request.clear();
        adopt(reply.ticket, []);
        restore();
      }
    } catch (error) {
      request.failed(error);
      if (error.code === 'conflict' && request.closedMeanwhile()) restore();
    } finally {
      request.settled();
      render();
      if (!ui.form.hidden) ui.text.focus();
    }
  }

  async function onResolve() {
    if (!active() || request.busy) return;
    request.sending();
    render();
    try {
      const reply = await socket.request('desk.resolve', { ticketId: request.ticket.id });
      adopt(reply.ticket ?? { ...request.ticket, state: 'resolved' });
    } catch (error) {
      request.failed(error);
      if (error.code === 'conflict') restore();
    } finally {
      request.settled();
      render();
      ui.again.hidden ? ui.title.focus() : ui.again.focus();
    }
  }

  function onAgain() {
    request.again();
    ui.log.replaceChildren();
    render();
    refreshDesk();
    ui.text.focus();
  }

  function onTyping() {
    if (active()) return;
    clearTimeout(faqTimer);
    const q = ui.text.value.trim();
    if (q.length < FAQ_HINT_MIN) { request.clearFaq(); renderFaqHints(); return; }
    faqTimer = setTimeout(async () => {
      if (!request.askFaq(q)) return;
      try {
        const reply = await socket.request('faq.list', { q: q.slice(0, 200) }, { retry: false });
        if (request.faqFound(q, reply)) renderFaqHints();
      } catch { /* suggestions are optional */ }
    }, 500);
  }

  const onButton = () => (isOpen() ? close() : open());
  // Another page: the panel closes rather than lie over it (the button's badge tells of new replies).
  const onRoute = () => {
    if (isOpen() && !followed) close({ focus: false });
    followed = false;
  };
  addEventListener('hashchange', onRoute);
  const onClose = () => close();
  const onKey = (event) => { if (event.key === 'Escape' && isOpen()) { event.stopPropagation(); close(); } };
  ui.button.addEventListener('click', onButton);
  ui.close.addEventListener('click', onClose);
  ui.panel.addEventListener('keydown', onKey);
  ui.form.addEventListener('submit', onSubmit);
  ui.resolve.addEventListener('click', onResolve);
  ui.again.addEventListener('click', onAgain);
  ui.text.addEventListener('input', onTyping);
  const offLocale = onLocaleChange(() => { ui.log.replaceChildren(); render(); });

  render();
  follow();
  if (remembered()) open({ focus: false });

  return {
    open,
    setUser(next) { me = next; follow(); render(); },
    unmount() {
      removeEventListener('hashchange', onRoute);
      document.documentElement.classList.remove('help-open');
      if (topic) socket.unsubscribe(topic, onEvent);
      clearTimeout(faqTimer);
      offLocale();
      ui.root.replaceChildren();
    },
  };
}
