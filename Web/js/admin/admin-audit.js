// The organiser console's "Audit log": `audit.list` newest first, with "older entries" paging: who, what, target,
// when, and the request's data. The target shows people, rooms and sessions by name.
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { cell, dataTable, when } from './admin-console-kit.js';

const PAGE = 50;
const SHORT = 120;

/** The request's data as compact text (JSON is shown without its braces noise when it parses). */
function detailText(detail) {
  if (detail == null || detail === '') return '';
  if (typeof detail !== 'string') return JSON.stringify(detail);
  try {
    const value = JSON.parse(detail);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
    }
  } catch { /* plain text */ }
  return detail;
}

/**
 * Whom and what the action was done to: "Person: Ana Pérez · Room: Opening plenary", each name carrying its id
 * (`userId=6`) as a tooltip; ids without a name (a question, a ticket) stay as the log has them.
 */
function targetCell(entry) {
  const names = entry.names ?? [];
  const named = new Set(names.map((n) => `${n.key}=${n.id}`));
  const parts = names.map((n) => el('span', { className: 'audit-name', title: `${n.key}=${n.id}`, dataset: { kind: n.kind, id: n.id },
    textContent: t('console.audit.named', { kind: t(`console.audit.kind.${n.kind}`), name: n.name }) }));
  const rest = String(entry.target ?? '').split(' ').filter((word) => word && !named.has(word));
  if (rest.length) parts.push(el('code', { textContent: rest.join(' ') }));
  const cellNode = el('td', { className: 'console-target' });
  parts.forEach((part, i) => { if (i) cellNode.append(' · '); cellNode.append(part); });
  return cellNode;
}

function detailCell(detail) {
  const text = detailText(detail);
  if (text.length <= SHORT) return el('td', { className: 'console-detail', textContent: text });
  return el('td', { className: 'console-detail' }, el('details', {},
    el('summary', { textContent: `${text.slice(0, SHORT)}…` }), el('p', { textContent: text })));
}

export function mount({ host, socket }) {
  let entries = [];
  let more = false;
  let loaded = false;
  const nodes = {};

  function render() {
    if (!loaded) { nodes.list.replaceChildren(el('p', { className: 'note', textContent: t('console.audit.loading') })); return; }
    if (!entries.length) { nodes.list.replaceChildren(el('p', { className: 'note', textContent: t('console.audit.empty') })); return; }
    const rows = entries.map((e) => el('tr', { dataset: { entryId: e.id, action: e.action } },
      el('td', {}, when(e.at)),
      cell(e.actor?.displayName ?? t('console.audit.system')),
      el('td', {}, el('code', { textContent: e.action })),
      targetCell(e),
      detailCell(e.detail)));
    const parts = [dataTable(t('console.audit.caption', { count: entries.length }),
      [t('console.audit.when'), t('console.audit.who'), t('console.audit.what'), t('console.audit.target'), t('console.audit.detail')],
      rows, { id: 'audit-table' }, { stack: true })];
    if (more) parts.push(actionButton(t('console.audit.older'), () => load({ older: true }), { id: 'audit-older' }));
    nodes.list.replaceChildren(...parts);
  }

  async function load({ older = false } = {}) {
    const data = { limit: PAGE };
    if (older && entries.length) data.before = entries.at(-1).id;
    try {
      const reply = await socket.request('audit.list', data, { retry: false });
      const page = reply.entries ?? [];
      entries = older ? [...entries, ...page] : page;
      more = Boolean(reply.more);
      loaded = true;
      nodes.error.textContent = '';
      render();
      // Keyboard users carry on from the first older entry (the button they pressed may be gone).
      const first = older && page.length ? nodes.list.querySelector(`tr[data-entry-id="${page[0].id}"] td`) : null;
      if (first) { first.tabIndex = -1; first.focus(); }
    } catch (error) {
      nodes.error.textContent = errorMessage(error);
    }
  }

  function build() {
    nodes.list = el('div', { id: 'audit-list' });
    nodes.error = statusLine('error', 'alert');
    host.replaceChildren(
      el('h2', { id: 'admin-audit-title', textContent: t('console.audit.title') }),
      el('div', { className: 'card' },
        el('p', { className: 'hint', textContent: t('console.audit.intro') }),
        el('p', { className: 'console-actions' }, actionButton(t('console.audit.refresh'), () => load(), { id: 'audit-refresh' })),
        nodes.error, nodes.list));
    host.setAttribute('aria-labelledby', 'admin-audit-title');
    render();
  }

  return {
    show() { build(); return load(); },
    unmount() { host.replaceChildren(); },
  };
}
