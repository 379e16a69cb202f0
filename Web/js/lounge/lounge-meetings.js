// Bilateral meetings in the lounge: the request form (1–5 slots of the grid, a message, overlap confirmation),
// the meetings page (`#/lounge/meetings`: my meetings with a countdown, cancel and "Join table"; requests
// received with accept-one-slot / decline-with-reason; requests sent with withdraw; status and expiry) and the
// availability editor. Live: the page redraws on every meeting.* event of the person's topic, and the form and
// the editor on every change of the grid (grid.updated on the lounge topic), keeping what the person ticked.
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { countdownText, field, nextId, slotText, whenText } from './lounge-common.js';
import { meetingsState } from './meetings-state.js';

const MAX_SLOTS = 5;

/** A sentence for a meeting error (overlap and full tables have their own). */
function meetingError(error) {
  if (error?.code === 'conflict' && error.detail === 'full') return t('meetings.error.full');
  if (error?.code === 'conflict' && error.detail === 'overlap') return t('meetings.error.overlap');
  if (error?.code === 'conflict') return t('meetings.error.conflict');
  if (error?.code === 'forbidden') return t('meetings.error.forbidden');
  return errorMessage(error);
}

/**
 * Sends `type` with `data`; on an overlap with the person's agenda, shows `confirmBox` asking to go ahead
 * and sends again with confirmOverlap. Resolves with the reply, or null when the person changed their mind.
 */
function withOverlapCheck(ctx, type, data, confirmBox, question) {
  return ctx.socket.request(type, data).catch((error) => {
    if (!(error.code === 'conflict' && error.detail === 'overlap')) throw error;
    return new Promise((resolve, reject) => {
      const yes = actionButton(t('meetings.overlapYes'), async () => {
        confirmBox.hidden = true;
        try { resolve(await ctx.socket.request(type, { ...data, confirmOverlap: true })); } catch (e) { reject(e); }
      }, { className: 'primary' });
      const no = actionButton(t('meetings.overlapNo'), () => { confirmBox.hidden = true; resolve(null); });
      confirmBox.replaceChildren(el('p', { className: 'confirm-text', textContent: question }), el('div', { className: 'actions' }, yes, no));
      confirmBox.hidden = false;
      yes.focus();
    });
  });
}

/** Checkboxes (or radios) for slots; `max` limits how many boxes can be ticked. */
function slotPicker({ slots, legend, name, type = 'checkbox', max = Infinity, checked = new Set(), note = () => '' }) {
  const boxes = slots.map((slot) => {
    const input = el('input', { type, name, value: String(slot.id), id: nextId(name), checked: checked.has(slot.id) });
    const extra = note(slot);
    const label = el('label', { htmlFor: input.id }, slotText(slot), extra ? el('span', { className: 'slot-note', textContent: ` · ${extra}` }) : '');
    return { input, item: el('li', { className: 'slot-choice' }, input, label), slot };
  });
  const limit = () => {
    if (type !== 'checkbox') return;
    const full = boxes.filter((b) => b.input.checked).length >= max;
    for (const b of boxes) if (!b.input.checked) b.input.disabled = full || b.input.dataset.off === '1';
  };
  for (const b of boxes) b.input.addEventListener('change', limit);
  const fieldset = el('fieldset', { className: 'slot-picker' }, el('legend', { textContent: legend }), el('ul', {}, ...boxes.map((b) => b.item)));
  return {
    fieldset,
    boxes,
    chosen: () => boxes.filter((b) => b.input.checked).map((b) => b.slot.id),
    disable(ids) { for (const b of boxes) if (ids.has(b.slot.id)) { b.input.disabled = true; b.input.dataset.off = '1'; } limit(); },
    limit,
  };
}

/** The form asking `person` for a meeting; drawn again when the grid changes. Returns `{ destroy }`. */
export function requestForm(ctx, host, person) {
  const titleId = nextId('request-title');
  const heading = el('h2', { id: titleId, tabIndex: -1, textContent: t('meetings.requestTitle', { name: person.displayName }) });
  const status = statusLine('note');
  const alert = statusLine('error', 'alert');
  const confirmBox = el('div', { className: 'confirm', hidden: true });
  confirmBox.setAttribute('role', 'alertdialog');
  const message = el('textarea', { id: 'request-message', name: 'message', rows: 3, maxLength: 1000 });
  const messageField = field(t('meetings.message'), message, t('meetings.messageHint'));
  const submit = el('button', { type: 'submit', className: 'primary', id: 'request-submit', textContent: t('meetings.send') });
  const form = el('form', { id: 'request-form', className: 'card', noValidate: true }, heading, status);
  form.setAttribute('aria-labelledby', titleId);
  host.replaceChildren(form);
  heading.focus();
  status.textContent = t('lounge.loading');
  let destroyed = false;
  let sent = false;
  let picker = null;

  function draw(grid) {
    if (destroyed || sent) return;
    const now = Date.now();
    const slots = (grid.slots ?? []).filter((s) => Date.parse(s.startsAt) > now);
    const ticked = new Set(picker?.chosen() ?? []);
    const focused = picker?.boxes.find((b) => b.input === document.activeElement)?.slot.id;
    picker = null;
    form.querySelector('.slot-picker')?.remove();
    if (!slots.length) {
      messageField.remove(); alert.remove(); confirmBox.remove(); submit.remove();
      status.textContent = t('meetings.noSlots');
      return;
    }
    status.textContent = '';
    picker = slotPicker({
      slots, name: 'request-slot', max: MAX_SLOTS, legend: t('meetings.pickSlots', { max: MAX_SLOTS }), checked: ticked,
      note: (s) => [s.freeTables === 0 ? t('meetings.noTable') : '', s.available ? t('meetings.youAreFree') : ''].filter(Boolean).join(' · '),
    });
    picker.disable(new Set(slots.filter((s) => s.freeTables === 0).map((s) => s.id)));
    form.append(picker.fieldset, messageField, alert, confirmBox, submit);
    picker.boxes.find((b) => b.slot.id === focused)?.input.focus();
  }
  const load = () => ctx.socket.request('grid.get').then(draw, (error) => { if (!picker) status.textContent = errorMessage(error); });
  const offGrid = ctx.onGrid?.(load);
  load();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled || !picker) return;
    const chosen = picker.chosen();
    alert.textContent = '';
    if (!chosen.length) { alert.textContent = t('meetings.pickOne'); picker.boxes[0]?.input.focus(); return; }
    submit.disabled = true;
    status.textContent = t('meetings.sending');
    try {
      const reply = await withOverlapCheck(ctx, 'meeting.request', { to: person.id, slots: chosen, message: message.value.trim() },
        confirmBox, t('meetings.overlapRequest'));
      if (!reply) { status.textContent = ''; return; }
      sent = true;
      ctx.live.refreshMeetings();
      form.replaceChildren(heading, el('p', { className: 'success', id: 'request-sent', textContent: t('meetings.sent', { name: person.displayName }) }),
        el('a', { className: 'button', href: '#/lounge/meetings', textContent: t('meetings.seeRequests') }));
      heading.focus();
    } catch (error) {
      status.textContent = '';
      alert.textContent = meetingError(error);
    } finally {
      submit.disabled = false;
    }
  });
  return { destroy() { destroyed = true; offGrid?.(); } };
}

const personLink = (who) => el('a', { href: `#/lounge/people/${who.id}`, textContent: who.displayName });
const statusBadge = (status) => el('span', { className: `badge status-${status}`, dataset: { status }, textContent: t(`meetings.status.${status}`) });

/** The meetings page. Returns `{ destroy }`. */
export function meetingsPage(ctx, container) {
  const mine = el('ul', { id: 'my-meetings', className: 'meeting-list' });
  const incoming = el('ul', { id: 'requests-incoming', className: 'meeting-list' });
  const outgoing = el('ul', { id: 'requests-outgoing', className: 'meeting-list' });
  const notes = { mine: statusLine('note'), incoming: statusLine('note'), outgoing: statusLine('note') };
  const availability = el('div', { id: 'availability' });
  const state = meetingsState(); // meetings-state.js: the slots chosen, what is open, what is drawn
  let destroyed = false;

  function renderMeeting(meeting) {
    const booked = meeting.status === 'booked';
    const countdown = el('span', { className: 'countdown', dataset: { start: meeting.slot.startsAt, end: meeting.slot.endsAt } });
    const item = el('li', { className: `meeting card status-${meeting.status}`, dataset: { meetingId: meeting.id } },
      el('p', { className: 'meeting-when' }, el('strong', { textContent: slotText(meeting.slot) }), ' ', countdown),
      el('p', {}, t('meetings.with'), ' ', personLink(meeting.with), ' · ', t('meetings.table', { table: meeting.table }), ' ', statusBadge(meeting.status)));
    if (booked && meeting.otherCheckedIn) item.append(el('p', { className: 'note', textContent: t('table.otherCheckedIn', { name: meeting.with.displayName }) }));
    if (booked) {
      const join = el('a', { className: 'button primary join-table', href: `#/table/${meeting.id}`, textContent: t('meetings.join') });
      join.setAttribute('aria-label', t('meetings.joinWith', { name: meeting.with.displayName }));
      const actions = el('div', { className: 'actions' }, join);
      const status = statusLine('note');
      if (state.cancelling(meeting.id)) {
        actions.append(actionButton(t('meetings.cancelConfirm'), async () => {
          try {
            await ctx.socket.request('meeting.cancel', { meetingId: meeting.id });
            state.closeMeeting(meeting.id);
            ctx.live.refreshMeetings();
          } catch (error) { status.textContent = meetingError(error); }
        }, { className: 'danger' }), actionButton(t('meetings.keep'), () => { state.closeMeeting(meeting.id); render(); }));
      } else {
        actions.append(actionButton(t('meetings.cancelMeeting'), () => { state.askCancel(meeting.id); render(); mine.querySelector(`[data-meeting-id="${meeting.id}"] .danger`)?.focus(); }));
      }
      item.append(actions, status);
    }
    return item;
  }

  function renderIncoming(request) {
    const pending = request.status === 'pending';
    const item = el('li', { className: `request card status-${request.status}`, dataset: { requestId: request.id } },
      el('p', {}, el('strong', {}, personLink(request.from)), ' ', statusBadge(request.status)));
    if (request.message) item.append(el('blockquote', { className: 'request-message', textContent: request.message }));
    if (request.reason) item.append(el('p', { className: 'note', textContent: t('meetings.reason', { reason: request.reason }) }));
    if (!pending) {
      item.append(el('ul', { className: 'slot-summary' }, ...request.slots.map((s) => el('li', { textContent: slotText(s) }))));
      return item;
    }
    item.append(el('p', { className: 'note', textContent: t('meetings.expires', { when: whenText(request.expiresAt) }) }));
    const picker = slotPicker({ slots: request.slots, name: `accept-${request.id}`, type: 'radio', legend: t('meetings.chooseSlot'), checked: new Set([state.chosen(request)]) });
    for (const b of picker.boxes) b.input.addEventListener('change', () => state.choose(request.id, b.slot.id));
    const alert = statusLine('error', 'alert');
    const confirmBox = el('div', { className: 'confirm', hidden: true });
    const accept = actionButton(t('meetings.accept'), async () => {
      const slot = picker.chosen()[0];
      alert.textContent = '';
      if (slot == null) { alert.textContent = t('meetings.chooseSlotFirst'); picker.boxes[0]?.input.focus(); return; }
      try {
        const reply = await withOverlapCheck(ctx, 'meeting.accept', { requestId: request.id, slot }, confirmBox, t('meetings.overlapAccept'));
        if (reply) ctx.live.refreshMeetings();
      } catch (error) { alert.textContent = meetingError(error); }
    }, { className: 'primary accept' });
    const actions = el('div', { className: 'actions' }, accept);
    if (state.declining(request.id)) {
      const reason = el('input', { type: 'text', maxLength: 500, className: 'decline-reason' });
      const decline = el('form', { className: 'decline-form' }, field(t('meetings.declineReason'), reason),
        el('div', { className: 'actions' }, el('button', { type: 'submit', className: 'danger', textContent: t('meetings.declineSend') }),
          actionButton(t('lounge.cancel'), () => { state.closeRequest(request.id); render(); })));
      decline.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const data = { requestId: request.id };
          if (reason.value.trim()) data.reason = reason.value.trim();
          await ctx.socket.request('meeting.decline', data);
          state.closeRequest(request.id);
          ctx.live.refreshMeetings();
        } catch (error) { alert.textContent = meetingError(error); }
      });
      item.append(picker.fieldset, actions, decline, confirmBox, alert);
      queueMicrotask(() => reason.focus());
    } else {
      actions.append(actionButton(t('meetings.decline'), () => { state.askDecline(request.id); render(); }));
      item.append(picker.fieldset, actions, confirmBox, alert);
    }
    return item;
  }

  function renderOutgoing(request) {
    const item = el('li', { className: `request card status-${request.status}`, dataset: { requestId: request.id } },
      el('p', {}, t('meetings.to'), ' ', el('strong', {}, personLink(request.to)), ' ', statusBadge(request.status)),
      el('ul', { className: 'slot-summary' }, ...request.slots.map((s) => el('li', { textContent: slotText(s) }))));
    if (request.message) item.append(el('blockquote', { className: 'request-message', textContent: request.message }));
    if (request.reason) item.append(el('p', { className: 'note', textContent: t('meetings.reason', { reason: request.reason }) }));
    if (request.status === 'pending') {
      const alert = statusLine('error', 'alert');
      item.append(el('p', { className: 'note', textContent: t('meetings.expires', { when: whenText(request.expiresAt) }) }),
        el('div', { className: 'actions' }, actionButton(t('meetings.withdraw'), async () => {
          try {
            await ctx.socket.request('meeting.withdraw', { requestId: request.id });
            ctx.live.refreshMeetings();
          } catch (error) { alert.textContent = meetingError(error); }
        })), alert);
    }
    return item;
  }

  function tick() {
    for (const node of container.querySelectorAll('.countdown')) node.textContent = countdownText(node.dataset.start, node.dataset.end);
  }

  function render({ force = false } = {}) {
    if (destroyed) return;
    const lists = state.toDraw(ctx.live.list, force); // null: nothing new, and a redraw would only lose the person's place
    if (!lists) return;
    const active = document.activeElement;
    const focusKey = active && container.contains(active) ? active.closest('[data-request-id],[data-meeting-id]') : null;
    mine.replaceChildren(...lists.meetings.map(renderMeeting));
    incoming.replaceChildren(...lists.incoming.map(renderIncoming));
    outgoing.replaceChildren(...lists.outgoing.map(renderOutgoing));
    notes.mine.textContent = lists.meetings.length ? '' : t('meetings.noneYet');
    notes.incoming.textContent = lists.incoming.length ? '' : t('meetings.noIncoming');
    notes.outgoing.textContent = lists.outgoing.length ? '' : t('meetings.noOutgoing');
    tick();
    if (focusKey) {
      const sameItem = container.querySelector(focusKey.dataset.requestId ? `[data-request-id="${focusKey.dataset.requestId}"]` : `[data-meeting-id="${focusKey.dataset.meetingId}"]`);
      sameItem?.querySelector('button, input, a')?.focus();
    }
  }

  container.replaceChildren(
    el('section', { className: 'lounge-block' }, el('h2', { textContent: t('meetings.mine') }), notes.mine, mine),
    el('section', { className: 'lounge-block' }, el('h2', { textContent: t('meetings.incoming') }), notes.incoming, incoming),
    el('section', { className: 'lounge-block' }, el('h2', { textContent: t('meetings.outgoing') }), notes.outgoing, outgoing),
    el('section', { className: 'lounge-block' }, el('h2', { textContent: t('meetings.availability') }),
      el('p', { className: 'hint', textContent: t('meetings.availabilityHint') }), availability));
  const editor = availabilityEditor(ctx, availability);
  const off = ctx.live.on((event) => { if (event.type === 'meetings') render(); });
  const timer = setInterval(tick, 30000);
  render();
  ctx.live.refreshMeetings();
  return { destroy() { destroyed = true; off(); clearInterval(timer); editor.destroy(); } };
}

/** Ticks the slots where the person can meet (grid.get → availability.set); drawn again when the grid changes. */
function availabilityEditor(ctx, host) {
  const status = statusLine('note');
  const alert = statusLine('error', 'alert');
  const save = el('button', { type: 'submit', className: 'primary', id: 'availability-save', textContent: t('meetings.saveAvailability') });
  const form = el('form', { id: 'availability-form', className: 'card' });
  let destroyed = false;
  let picker = null;
  host.replaceChildren(status);
  status.textContent = t('lounge.loading');
  function draw(grid) {
    if (destroyed) return;
    const slots = grid.slots ?? [];
    if (!slots.length) { host.replaceChildren(status); status.textContent = t('meetings.noSlots'); return; }
    // What the person ticked and has not saved yet stays ticked.
    const checked = picker ? new Set(picker.chosen()) : new Set(slots.filter((s) => s.available).map((s) => s.id));
    const fresh = slotPicker({ slots, name: 'available', legend: t('meetings.availableLegend'), checked,
      note: (s) => (s.freeTables === 0 ? t('meetings.noTable') : '') });
    if (!picker) status.textContent = '';
    picker = fresh;
    form.replaceChildren(fresh.fieldset, alert, status, save);
    host.replaceChildren(form);
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (save.disabled || !picker) return;
    save.disabled = true;
    alert.textContent = '';
    status.textContent = t('meetings.saving');
    try {
      await ctx.socket.request('availability.set', { slots: picker.chosen() });
      status.textContent = t('meetings.availabilitySaved');
    } catch (error) {
      status.textContent = '';
      alert.textContent = errorMessage(error);
    } finally { save.disabled = false; }
  });
  const load = () => ctx.socket.request('grid.get').then(draw, (error) => { if (!picker) status.textContent = errorMessage(error); });
  const offGrid = ctx.onGrid?.(load);
  load();
  return { destroy() { destroyed = true; offGrid?.(); } };
}
