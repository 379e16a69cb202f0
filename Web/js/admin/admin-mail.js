// The organiser console's mail: how the invitations of imports are doing (GET /api/admin/invitations: queued / sent /
// failed, per person and in all), refreshed every few seconds while any is queued, and a new invitation to one person
// or to all who never signed in (POST /api/admin/invitations/resend); then the outbox, every mail (GET
// /api/admin/outbox), with failed ones sent again (POST /api/admin/outbox/retry).
import { t } from '../i18n.js';
import { api } from '../api.js';
import { errorMessage } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { cell, count, dataTable, when } from './admin-console-kit.js';

const REFRESH_MS = 3000;

export function mount({ host }) {
  let report = null;
  let timer = 0;
  let shown = false;
  const counts = el('p', { id: 'invitations-counts', className: 'note' });
  counts.setAttribute('aria-live', 'polite');
  const status = statusLine('note', 'status', 'invitations-status');
  const table = el('div', { id: 'invitations-list' });
  const resendAll = actionButton(t('console.mail.resendAll'), () => resend({ neverSignedIn: true }), { id: 'invitations-resend-all' });

  async function resend(body) {
    try {
      const reply = await api('/api/admin/invitations/resend', { method: 'POST', body });
      status.textContent = t('console.mail.requeued', { count: reply.queued ?? 0 });
    } catch (error) {
      status.textContent = errorMessage(error);
    }
    await load();
  }

  function row(p) {
    const state = el('td', { className: `mail-${p.status}`, textContent: t(`console.mail.state.${p.status}`) });
    if (p.error && p.status !== 'sent') state.title = p.error;
    if (p.status === 'failed' && p.error) state.append(el('br'), el('small', { textContent: p.error }));
    let again = cell('');
    if (!p.signedIn) {
      const button = actionButton(t('console.mail.resend'), () => resend({ userId: p.userId }), { className: 'invitation-resend' });
      button.setAttribute('aria-label', t('console.mail.resendFor', { email: p.email }));
      again = el('td', {}, button);
    }
    return el('tr', { dataset: { userId: p.userId, status: p.status } },
      el('td', {}, el('span', { textContent: p.displayName }), el('br'), el('span', { className: 'console-email', textContent: p.email })),
      state, cell(t(p.signedIn ? 'console.mail.yes' : 'console.mail.no')), el('td', {}, when(p.queuedAt)), again);
  }

  function render() {
    if (!report) return;
    counts.textContent = t('console.mail.counts', {
      queued: count(report.queued), sent: count(report.sent), failed: count(report.failed), never: count(report.neverSignedIn),
    });
    resendAll.hidden = !report.neverSignedIn;
    table.replaceChildren(report.people?.length
      ? dataTable(t('console.mail.caption', { count: report.people.length }),
        [t('console.mail.person'), t('console.mail.status'), t('console.mail.signedIn'), t('console.mail.queuedAt'), t('console.mail.resend')],
        report.people.map(row), { id: 'invitations-table' }, { stack: true })
      : el('p', { className: 'note', textContent: t('console.mail.none') }));
  }

  async function load() {
    clearTimeout(timer);
    try {
      report = await api('/api/admin/invitations');
      render();
    } catch (error) {
      status.textContent = errorMessage(error);
    }
    if (shown && report?.queued) timer = setTimeout(load, REFRESH_MS);
  }

  // ---------- the outbox ----------
  let outbox = null;
  const outboxCounts = el('p', { id: 'outbox-counts', className: 'note' });
  const outboxStatus = statusLine('note', 'status', 'outbox-status');
  const outboxList = el('div', { id: 'outbox-list' });
  const filter = el('select', { id: 'outbox-filter' }, ...['', 'queued', 'sent', 'failed'].map((s) => el('option', {
    value: s, textContent: s ? t(`console.mail.state.${s}`) : t('console.mail.all'),
  })));
  filter.addEventListener('change', () => loadOutbox());
  const retryAll = actionButton(t('console.mail.retryAll'), () => retry({ allFailed: true }), { id: 'outbox-retry-all' });

  async function retry(body) {
    try {
      const reply = await api('/api/admin/outbox/retry', { method: 'POST', body });
      outboxStatus.textContent = t('console.mail.requeuedMails', { count: reply.queued ?? 0 });
    } catch (error) {
      outboxStatus.textContent = errorMessage(error);
    }
    await loadOutbox();
  }

  function mailRow(m) {
    const state = el('td', { textContent: t(`console.mail.state.${m.status}`) });
    if (m.error && m.status !== 'sent') state.append(el('br'), el('small', { textContent: m.error }));
    let again = cell('');
    if (m.retryable) again = el('td', {}, actionButton(t('console.mail.retry'), () => retry({ id: m.id }), { className: 'outbox-retry' }));
    return el('tr', { dataset: { mailId: m.id, status: m.status, kind: m.kind } },
      el('td', {}, el('span', { textContent: m.recipient }), el('br'), el('small', { textContent: m.subject })),
      cell(m.kind), state, cell(m.attempts, 'num'), el('td', {}, when(m.sentAt ?? m.createdAt)), again);
  }

  async function loadOutbox() {
    try {
      outbox = await api(`/api/admin/outbox${filter.value ? `?status=${filter.value}` : ''}`);
    } catch (error) {
      outboxStatus.textContent = errorMessage(error);
      return;
    }
    outboxCounts.textContent = t('console.mail.outboxCounts', { queued: count(outbox.queued), sent: count(outbox.sent), failed: count(outbox.failed) });
    retryAll.hidden = !outbox.failed;
    outboxList.replaceChildren(outbox.mails?.length
      ? dataTable(t('console.mail.outboxCaption', { count: outbox.mails.length }),
        [t('console.mail.recipient'), t('console.mail.kind'), t('console.mail.status'), { text: t('console.mail.attempts'), num: true },
          t('console.mail.when'), t('console.mail.retry')],
        outbox.mails.map(mailRow), { id: 'outbox-table' }, { stack: true })
      : el('p', { className: 'note', textContent: t('console.mail.empty') }));
  }

  const changed = () => { if (shown) load(); };
  document.addEventListener('console:invitations', changed);

  host.replaceChildren(
    el('h2', { id: 'admin-mail-title', textContent: t('console.mail.title') }),
    el('section', { className: 'card' },
      el('p', { className: 'hint', textContent: t('console.mail.hint') }), counts,
      el('p', { className: 'console-actions' }, actionButton(t('console.mail.refresh'), load, { id: 'invitations-refresh' }), resendAll),
      status, table),
    el('section', { className: 'card', id: 'outbox' }, el('h3', { textContent: t('console.mail.outbox') }),
      el('p', { className: 'hint', textContent: t('console.mail.outboxHint') }), outboxCounts,
      el('p', { className: 'console-actions' }, el('label', { htmlFor: filter.id, textContent: `${t('console.mail.show')} ` }), filter,
        actionButton(t('console.mail.refresh'), loadOutbox, { id: 'outbox-refresh' }), retryAll),
      outboxStatus, outboxList));
  host.setAttribute('aria-labelledby', 'admin-mail-title');

  return {
    show() { shown = true; load(); loadOutbox(); },
    hide() { shown = false; clearTimeout(timer); },
    unmount() { shown = false; clearTimeout(timer); document.removeEventListener('console:invitations', changed); host.replaceChildren(); },
  };
}
