// The host console of a room (shown when the snapshot says `you.isHost`): open/start/end, lock and capacity,
// a stream address per language, new polls (choice or words), the raised hands with grant/lower, breakout
// groups. Message and question moderation sits beside each message and question.
import { t } from '../i18n.js';
import { attrs, el } from '../dom.js';
import { formatDateTime } from '../time.js';
import { keepFocus } from '../program-text.js';

const STREAM_LANGUAGES = ['floor', 'fr', 'en', 'es'];
const MOVES = [['room.open', 'open', ['scheduled', 'ended']], ['room.start', 'start', ['open']], ['room.end', 'end', ['open', 'live']]];

export function createHostConsole(ctx) {
  const node = el('section', { className: 'card host-console', id: 'host-console', hidden: true });
  node.setAttribute('aria-labelledby', 'host-title');
  const status = attrs(el('p', { className: 'note', id: 'host-status' }), { role: 'status' });
  const error = attrs(el('p', { className: 'error', id: 'host-error' }), { role: 'alert' });
  let muteMinutes = 10;
  let confirmingEnd = false; // "End the session" asks first: it closes the chat, questions and polls for everyone
  ctx.muteMinutes = () => muteMinutes;

  async function run(type, data, doneKey) {
    error.textContent = '';
    status.textContent = '';
    try {
      const reply = await ctx.socket.request(type, { roomId: ctx.roomId, ...data });
      if (doneKey) status.textContent = t(doneKey);
      return reply;
    } catch (e) {
      error.textContent = ctx.roomError(e, type.startsWith('room.stream') ? 'stream' : ['room.open', 'room.start', 'room.end'].includes(type) ? 'state' : '');
      return null;
    }
  }

  const field = (id, label, input) => el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: label }), input);

  function stateButtons(room) {
    if (confirmingEnd && !['open', 'live'].includes(room.state)) confirmingEnd = false;
    const box = el('div', { className: 'host-states' }, ...MOVES.map(([type, name, from]) => {
      const button = el('button', { type: 'button', id: `host-${name}`, className: name === 'start' ? 'primary' : '',
        textContent: t(name === 'open' && room.state === 'ended' ? 'room.host.reopen' : `room.host.${name}`) });
      button.disabled = !from.includes(room.state);
      if (name === 'end') {
        button.setAttribute('aria-expanded', String(confirmingEnd));
        button.addEventListener('click', () => askEnd(!confirmingEnd));
      } else button.addEventListener('click', () => run(type, {}));
      return button;
    }));
    if (confirmingEnd) box.append(endConfirmation());
    return box;
  }

  function askEnd(asking) {
    confirmingEnd = asking;
    node.querySelector('.host-states')?.replaceWith(stateButtons(ctx.state.room));
    document.getElementById(asking ? 'host-end-cancel' : 'host-end')?.focus();
  }

  function endConfirmation() {
    const question = el('p', { id: 'host-end-question', className: 'confirm-text', textContent: t('room.host.endConfirm') });
    const yes = el('button', { type: 'button', id: 'host-end-confirm', className: 'danger', textContent: t('room.host.endNow') });
    const no = el('button', { type: 'button', id: 'host-end-cancel', textContent: t('room.host.endKeep') });
    yes.addEventListener('click', async () => {
      confirmingEnd = false;
      await run('room.end', {});
      render();
      node.querySelector('.host-states button:not(:disabled)')?.focus();
    });
    no.addEventListener('click', () => askEnd(false));
    const box = attrs(el('div', { className: 'confirm', id: 'host-end-confirmation' }, question, el('div', { className: 'row' }, yes, no)),
      { role: 'alertdialog', 'aria-labelledby': 'host-end-question' });
    box.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); askEnd(false); } });
    return box;
  }

  function accessForm(room) {
    const locked = el('input', { type: 'checkbox', id: 'host-locked', checked: Boolean(room.locked) });
    const capacity = el('input', { type: 'number', id: 'host-capacity', min: 0, max: 100000, value: String(room.capacity ?? 0), inputMode: 'numeric' });
    const form = el('form', { className: 'host-access', noValidate: true },
      el('label', { className: 'check' }, locked, ' ', t('room.host.lock')),
      field('host-capacity', t('room.host.capacity'), capacity),
      el('button', { type: 'submit', id: 'host-access-save', textContent: t('room.host.saveAccess') }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run('room.lock', { locked: locked.checked, capacity: Math.max(0, Number(capacity.value) || 0) }, 'room.host.saved');
    });
    return form;
  }

  function streamForm(room) {
    const form = el('form', { className: 'host-streams', noValidate: true }, el('h3', { textContent: t('room.host.streams') }));
    for (const lang of STREAM_LANGUAGES) {
      const input = el('input', { type: 'url', id: `host-stream-${lang}`, value: room.streams?.[lang] ?? '', placeholder: 'https://…' });
      const save = el('button', { type: 'button', id: `host-stream-save-${lang}`, textContent: t('room.host.saveStream') });
      save.setAttribute('aria-label', t('room.host.saveStreamFor', { language: t(`room.stream.${lang}`) }));
      save.addEventListener('click', () => run('room.stream.set', { language: lang, url: input.value.trim() }, 'room.host.saved'));
      form.append(el('div', { className: 'stream-row' }, field(input.id, t(`room.stream.${lang}`), input), save));
    }
    form.addEventListener('submit', (event) => event.preventDefault());
    return form;
  }

  function pollForm() {
    const kind = el('select', { id: 'poll-kind' },
      el('option', { value: 'choice', textContent: t('room.poll.kindChoice') }),
      el('option', { value: 'words', textContent: t('room.poll.kindWords') }));
    const question = el('input', { type: 'text', id: 'poll-question', maxLength: 500 });
    const options = el('textarea', { id: 'poll-options', rows: 4 });
    const optionsField = field('poll-options', t('room.host.pollOptions'), options);
    optionsField.append(el('p', { className: 'hint', textContent: t('room.host.pollOptionsHint') }));
    kind.addEventListener('change', () => { optionsField.hidden = kind.value === 'words'; });
    const form = el('form', { className: 'host-poll', noValidate: true }, el('h3', { textContent: t('room.host.newPoll') }),
      field('poll-kind', t('room.host.pollKind'), kind), field('poll-question', t('room.host.pollQuestion'), question), optionsField,
      el('button', { type: 'submit', className: 'primary', id: 'poll-create', textContent: t('room.host.createPoll') }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = { question: question.value.trim(), kind: kind.value };
      if (!data.question) { error.textContent = t('room.host.pollNeedsQuestion'); question.focus(); return; }
      if (kind.value === 'choice') {
        data.options = options.value.split('\n').map((o) => o.trim()).filter(Boolean);
        if (data.options.length < 2 || data.options.length > 10 || new Set(data.options).size !== data.options.length) {
          error.textContent = t('room.host.pollOptionsBad');
          options.focus();
          return;
        }
      }
      if (await run('poll.create', data, 'room.host.pollCreated')) { question.value = ''; options.value = ''; }
    });
    return form;
  }

  function handQueue() {
    const queue = ctx.state.hands || [];
    const box = el('div', { className: 'host-hands' }, el('h3', { textContent: t('room.host.hands', { count: queue.length }) }));
    if (!queue.length) box.append(el('p', { className: 'note', textContent: t('room.host.noHands') }));
    else {
      box.append(el('ol', {}, ...queue.map((hand) => {
        const grant = el('button', { type: 'button', id: `hand-grant-${hand.userId}`, className: 'small grant', textContent: t('room.host.grant') });
        grant.setAttribute('aria-label', t('room.host.grantTo', { name: hand.displayName }));
        grant.addEventListener('click', () => run('hand.grant', { userId: hand.userId }));
        const lower = el('button', { type: 'button', id: `hand-lower-${hand.userId}`, className: 'small', textContent: t('room.host.lower') });
        lower.setAttribute('aria-label', t('room.host.lowerFor', { name: hand.displayName }));
        lower.addEventListener('click', () => run('hand.lower', { userId: hand.userId }));
        return el('li', {}, el('span', { textContent: hand.displayName }), ' ', grant, ' ', lower);
      })));
    }
    return box;
  }

  function moderation() {
    const minutes = el('select', { id: 'host-mute-minutes' }, ...[5, 10, 30, 60, 1440].map((m) => el('option', { value: String(m), textContent: t('room.host.minutes', { count: m }) })));
    minutes.value = String(muteMinutes);
    minutes.addEventListener('change', () => { muteMinutes = Number(minutes.value); ctx.renderRoom(); });
    return field('host-mute-minutes', t('room.host.muteFor'), minutes);
  }

  function breakoutForm() {
    const size = el('input', { type: 'number', id: 'breakout-size', min: 2, max: 50, value: '4' });
    const mode = el('select', { id: 'breakout-mode' }, ...['random', 'regions', 'language'].map((m) => el('option', { value: m, textContent: t(`room.host.breakoutMode.${m}`) })));
    const minutes = el('input', { type: 'number', id: 'breakout-minutes', min: 1, max: 240, value: '15' });
    const form = el('form', { className: 'host-breakout', noValidate: true }, el('h3', { textContent: t('room.host.breakout') }));
    const breakout = ctx.state.breakout; // { groups, endsAt } while groups run (the snapshot, then events)
    if (breakout) {
      form.append(el('p', { className: 'note', textContent: t('room.host.breakoutRunning', { count: breakout.groups ?? 0, time: formatDateTime(breakout.endsAt) }) }));
    }
    const start = el('button', { type: 'submit', id: 'breakout-start', textContent: t('room.host.breakoutStart') });
    const end = el('button', { type: 'button', id: 'breakout-end', textContent: t('room.host.breakoutEnd') });
    end.addEventListener('click', () => run('breakout.end', {}, 'room.host.breakoutEnded'));
    form.append(field('breakout-size', t('room.host.breakoutSize'), size), field('breakout-mode', t('room.host.breakoutModeLabel'), mode),
      field('breakout-minutes', t('room.host.breakoutMinutes'), minutes), el('div', { className: 'row' }, start, end));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const reply = await run('breakout.start', { size: Number(size.value), mode: mode.value, minutes: Number(minutes.value) });
      if (reply) status.textContent = t('room.host.breakoutStarted', { count: reply.rooms?.length ?? 0 });
    });
    return form;
  }

  function render() {
    const state = ctx.state;
    node.hidden = !ctx.isHost();
    if (node.hidden || !state) { node.replaceChildren(); return; }
    // Keep a half-typed form: re-render only when the focus is outside the console.
    if (node.contains(document.activeElement) && document.activeElement.matches('input, textarea, select')) {
      node.querySelector('.host-states')?.replaceWith(stateButtons(state.room));
      node.querySelector('.host-hands')?.replaceWith(handQueue());
      return;
    }
    keepFocus(node, () => node.replaceChildren(el('h2', { id: 'host-title', textContent: t('room.host.title') }), status, error,
      stateButtons(state.room), accessForm(state.room), moderation(), handQueue(), pollForm(), streamForm(state.room), breakoutForm()));
  }

  return { node, render };
}
