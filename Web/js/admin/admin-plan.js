// The organiser console's "Meetings plan": define the meeting grid (days, a time span cut into equal slots with a
// gap, a number of tables → grid.set; times in the seminar's time zone), see the grid, preview a plan
// (schedule.preview: each pair with its affinity, the plan's affinity points beside the most any plan could reach,
// the meetings that clash with a session someone bookmarked, the unmet requests and why) and publish it
// (schedule.publish).
import { getLocale, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { getSeminar } from '../seminar.js';
import { formatSlot } from '../time.js';
import { field, nextId } from '../lounge/lounge-common.js';

// schedule.preview's unmet codes; a code this client does not know shows the server's English reason.
const REASONS = {
  no_common_slot: 'admin.plan.reason.noCommonSlot',
  person_full: 'admin.plan.reason.limit',
  slots_taken: 'admin.plan.reason.taken',
  no_table: 'admin.plan.reason.noTable',
};
const reasonText = (unmet) => (REASONS[unmet.code] ? t(REASONS[unmet.code]) : unmet.reason);

const zone = () => getSeminar()?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The zone's offset from UTC (ms) at the instant `utcMs`. */
function offsetAt(utcMs, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs;
}

/** "YYYY-MM-DD" + minutes after midnight, read in `timeZone`, as a UTC instant (ms). */
export function zonedToUtc(day, minutes, timeZone) {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone); // again, in case the first guess crossed a DST change
  return utc;
}

const minutesOf = (hhmm) => {
  const [h, m] = String(hhmm).split(':').map(Number);
  return Number.isFinite(h) && Number.isFinite(m) ? h * 60 + m : NaN;
};

/** The slots a grid form describes: for each day, [from, to) cut into `length`-minute slots `gap` minutes apart. */
export function slotsFor({ firstDay, days, from, to, length, gap }, timeZone) {
  const slots = [];
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (!firstDay || !(length > 0) || !(gap >= 0) || !(end > start) || !(days >= 1)) return slots;
  const [y, m, d] = firstDay.split('-').map(Number);
  for (let i = 0; i < days; i += 1) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    for (let at = start; at + length <= end; at += length + gap) {
      slots.push({ startsAt: new Date(zonedToUtc(day, at, timeZone)).toISOString(), endsAt: new Date(zonedToUtc(day, at + length, timeZone)).toISOString() });
    }
  }
  return slots;
}

const slotLabel = (slot) => (slot ? formatSlot(slot.startsAt, slot.endsAt) : '?');
const number = (value, digits = 1) => new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);

function table(caption, headers, rows, props = {}) {
  return el('div', { className: 'table-scroll' }, el('table', props,
    el('caption', { textContent: caption }),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', textContent: h })))),
    el('tbody', {}, ...rows)));
}

export function mount({ host, socket }) {
  let grid = [];
  let plan = null;
  const gridBox = el('div', { id: 'plan-grid' });
  const previewBox = el('div', { id: 'plan-preview-form' });
  const resultBox = el('div', { id: 'plan-result' });
  resultBox.setAttribute('aria-live', 'polite');

  // ---- defining the grid ----
  function gridForm() {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const inputs = {
      firstDay: el('input', { type: 'date', id: 'grid-first-day', value: today, required: true }),
      days: el('input', { type: 'number', id: 'grid-days', min: 1, max: 14, value: 1 }),
      from: el('input', { type: 'time', id: 'grid-from', value: '10:00' }),
      to: el('input', { type: 'time', id: 'grid-to', value: '12:00' }),
      length: el('input', { type: 'number', id: 'grid-length', min: 5, max: 240, value: 20 }),
      gap: el('input', { type: 'number', id: 'grid-gap', min: 0, max: 120, value: 5 }),
      tables: el('input', { type: 'number', id: 'grid-tables', min: 1, max: 10000, value: 10 }),
    };
    const summary = statusLine('note');
    const alert = statusLine('error', 'alert');
    const read = () => ({
      firstDay: inputs.firstDay.value, days: Number(inputs.days.value), from: inputs.from.value, to: inputs.to.value,
      length: Number(inputs.length.value), gap: Number(inputs.gap.value),
    });
    const update = () => {
      const slots = slotsFor(read(), zone());
      summary.textContent = slots.length
        ? t('admin.plan.willAdd', { count: slots.length, first: slotLabel(slots[0]), last: slotLabel(slots.at(-1)) })
        : t('admin.plan.noSlotsDescribed');
    };
    const submit = el('button', { type: 'submit', className: 'primary', id: 'grid-submit', textContent: t('admin.plan.addSlots') });
    const form = el('form', { id: 'grid-form', className: 'card', noValidate: true },
      el('h3', { textContent: t('admin.plan.defineGrid') }),
      el('p', { className: 'hint', textContent: t('admin.plan.zoneHint', { tz: zone() }) }),
      el('div', { className: 'form-grid' },
        field(t('admin.plan.firstDay'), inputs.firstDay), field(t('admin.plan.days'), inputs.days),
        field(t('admin.plan.from'), inputs.from), field(t('admin.plan.to'), inputs.to),
        field(t('admin.plan.length'), inputs.length), field(t('admin.plan.gap'), inputs.gap),
        field(t('admin.plan.tables'), inputs.tables)),
      summary, alert, submit);
    form.addEventListener('input', update);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      const slots = slotsFor(read(), zone());
      alert.textContent = '';
      if (!slots.length) { alert.textContent = t('admin.plan.noSlotsDescribed'); return; }
      submit.disabled = true;
      try {
        const reply = await socket.request('grid.set', { slots, tables: Number(inputs.tables.value) });
        grid = reply.slots ?? [];
        summary.textContent = t('admin.plan.added', { count: slots.length });
        renderGrid();
        renderPreviewForm();
      } catch (error) {
        alert.textContent = error.code === 'invalid' && error.field === 'slots' ? t('admin.plan.overlapsGrid') : errorMessage(error);
      } finally { submit.disabled = false; }
    });
    update();
    return form;
  }

  function renderGrid() {
    if (!grid.length) {
      gridBox.replaceChildren(el('p', { className: 'note', textContent: t('admin.plan.emptyGrid') }));
      return;
    }
    gridBox.replaceChildren(table(t('admin.plan.gridCaption', { count: grid.length, tz: zone() }),
      [t('admin.plan.slot'), t('admin.plan.tables'), t('admin.plan.freeTables')],
      grid.map((s) => el('tr', { dataset: { slotId: s.id } }, el('td', { textContent: slotLabel(s) }),
        el('td', { textContent: String(s.tables) }), el('td', { textContent: String(s.freeTables) }))),
      { className: 'data grid-table' }));
  }

  // ---- preview and publish ----
  function renderPreviewForm() {
    if (!grid.length) { previewBox.replaceChildren(); return; }
    const now = Date.now();
    const boxes = grid.map((s) => {
      const input = el('input', { type: 'checkbox', name: 'plan-slot', value: String(s.id), id: nextId('plan-slot'), checked: Date.parse(s.startsAt) > now });
      return el('li', { className: 'check' }, input, el('label', { htmlFor: input.id, textContent: slotLabel(s) }));
    });
    const all = (on) => { for (const i of previewBox.querySelectorAll('input[name="plan-slot"]')) i.checked = on; };
    const max = el('input', { type: 'number', id: 'plan-max', min: 1, max: 32, value: 3 });
    const alert = statusLine('error', 'alert');
    const submit = el('button', { type: 'submit', className: 'primary', id: 'plan-preview', textContent: t('admin.plan.preview') });
    const form = el('form', { className: 'card', id: 'plan-form', noValidate: true },
      el('h3', { textContent: t('admin.plan.makePlan') }),
      el('p', { className: 'hint', textContent: t('admin.plan.makePlanHint') }),
      // All/None sit outside the fieldset: a group of checkboxes holds only those checkboxes.
      el('fieldset', { className: 'checks' }, el('legend', { textContent: t('admin.plan.slots') }), el('ul', {}, ...boxes)),
      el('div', { className: 'actions' }, actionButton(t('admin.plan.all'), () => all(true), { className: 'subtle' }), actionButton(t('admin.plan.none'), () => all(false), { className: 'subtle' })),
      field(t('admin.plan.maxPerPerson'), max), alert, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      const slots = [...form.querySelectorAll('input[name="plan-slot"]:checked')].map((i) => Number(i.value));
      alert.textContent = '';
      if (!slots.length) { alert.textContent = t('admin.plan.pickSlots'); return; }
      submit.disabled = true;
      resultBox.replaceChildren(el('p', { className: 'note', textContent: t('admin.plan.computing') }));
      try {
        plan = await socket.request('schedule.preview', { slots, maxPerPerson: Number(max.value) });
        renderPlan();
      } catch (error) {
        resultBox.replaceChildren();
        alert.textContent = error.field === 'maxPerPerson' ? t('admin.plan.maxInvalid') : errorMessage(error);
      } finally { submit.disabled = false; }
    });
    previewBox.replaceChildren(form);
  }

  function renderPlan({ focus = true } = {}) {
    const slotById = new Map(grid.map((s) => [s.id, s]));
    const ratio = plan.upperBound > 0 ? `${number((plan.total / plan.upperBound) * 100)} %` : '—';
    const stat = (key, value, id) => [el('dt', { textContent: t(key) }), el('dd', { id, textContent: value })];
    const summary = el('dl', { className: 'plan-summary', id: 'plan-summary' },
      ...stat('admin.plan.meetings', String(plan.meetings.length), 'plan-count'),
      ...stat('admin.plan.total', number(plan.total), 'plan-total'),
      ...stat('admin.plan.bound', number(plan.upperBound), 'plan-bound'),
      ...stat('admin.plan.ratio', ratio, 'plan-ratio'),
      ...stat('admin.plan.people', t('admin.plan.peopleMet', { met: plan.peopleMet, people: plan.people }), 'plan-people'));
    const meetings = [...plan.meetings].sort((a, b) => Date.parse(slotById.get(a.slot)?.startsAt) - Date.parse(slotById.get(b.slot)?.startsAt) || b.score - a.score);
    const rows = meetings.map((m) => el('tr', {},
      el('td', { textContent: slotLabel(slotById.get(m.slot)) }), el('td', { textContent: m.a.displayName }), el('td', { textContent: m.b.displayName }),
      el('td', { className: 'num', textContent: number(m.score) }), el('td', { textContent: m.requested ? t('admin.plan.yes') : '' })));
    const parts = [el('h3', { id: 'plan-result-title', tabIndex: -1, textContent: t('admin.plan.result') }), summary,
      el('p', { className: 'hint', textContent: t('admin.plan.boundHint') })];
    parts.push(meetings.length
      ? table(t('admin.plan.pairs'), [t('admin.plan.slot'), t('admin.plan.personA'), t('admin.plan.personB'), t('admin.plan.score'), t('admin.plan.requested')], rows, { className: 'data', id: 'plan-meetings' })
      : el('p', { className: 'note', textContent: t('admin.plan.noMeetings') }));
    const clashing = meetings.filter((m) => m.clashes?.length);
    if (clashing.length) {
      parts.push(el('h4', { id: 'plan-clashes-title', textContent: t('admin.plan.clashes', { count: clashing.length }) }),
        el('p', { className: 'hint', textContent: t('admin.plan.clashesHint') }),
        el('ul', { id: 'plan-clashes', className: 'unmet' }, ...clashing.map((m) => el('li', {
          textContent: t('admin.plan.clashItem', {
            a: m.a.displayName, b: m.b.displayName, slot: slotLabel(slotById.get(m.slot)),
            sessions: m.clashes.map((c) => t('admin.plan.clashSession', { person: c.person.displayName, title: c.title })).join('; '),
          }),
        }))));
    }
    if (plan.unmet.length) {
      parts.push(el('h4', { textContent: t('admin.plan.unmet', { count: plan.unmet.length }) }),
        el('ul', { id: 'plan-unmet', className: 'unmet' }, ...plan.unmet.map((u) => el('li', {
          textContent: t('admin.plan.unmetItem', { a: u.a.displayName, b: u.b.displayName, reason: reasonText(u) }),
        }))));
    }
    const status = statusLine('note');
    status.id = 'plan-published';
    const publish = actionButton(t('admin.plan.publish'), async () => {
      try {
        const reply = await socket.request('schedule.publish', { planId: plan.planId });
        plan.published = reply;
        status.textContent = t('admin.plan.publishedResult', { created: reply.created, skipped: reply.skipped });
        publish.remove();
        grid = (await socket.request('grid.get')).slots ?? grid;
        renderGrid();
      } catch (error) {
        status.textContent = error.code === 'not_found' ? t('admin.plan.planGone') : errorMessage(error);
      }
    }, { className: 'primary', id: 'plan-publish', disabled: !meetings.length });
    if (plan.published) status.textContent = t('admin.plan.publishedResult', { created: plan.published.created, skipped: plan.published.skipped });
    else parts.push(el('div', { className: 'actions' }, publish));
    parts.push(status);
    resultBox.replaceChildren(el('div', { className: 'card' }, ...parts));
    if (focus) resultBox.querySelector('#plan-result-title').focus();
  }

  /** The whole part, in the current language (again on every visit, also after a language switch). */
  function build() {
    host.replaceChildren(
      el('h2', { id: 'admin-plan-title', textContent: t('admin.plan.title') }),
      el('p', { className: 'hint', textContent: t('admin.plan.intro') }),
      gridForm(),
      el('h3', { textContent: t('admin.plan.theGrid') }), gridBox, previewBox, resultBox);
    host.setAttribute('aria-labelledby', 'admin-plan-title');
    renderGrid();
    renderPreviewForm();
    if (plan && resultBox.childElementCount) renderPlan({ focus: false });
  }

  async function refresh() {
    try {
      grid = (await socket.request('grid.get')).slots ?? [];
      renderGrid();
      renderPreviewForm();
    } catch (error) {
      gridBox.replaceChildren(el('p', { className: 'error', textContent: errorMessage(error) }));
    }
  }
  build();
  return { show() { build(); return refresh(); }, unmount() { host.replaceChildren(); } };
}
