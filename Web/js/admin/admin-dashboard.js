// The organiser console's dashboard: `admin.stats` every 5 s while it is shown (never while hidden): people
// online, rooms (live first) with their attendance now and at peak, the desk queue, meetings, and a plot of the
// messages per minute over the last hour (inline SVG drawn here, with a text summary and the figures as a table).
import { localized, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';
import { localizedNode } from '../program-text.js';
import { cell, clock, count, dataTable } from './admin-console-kit.js';

const EVERY_MS = 5000;
const MINUTES = 60;
const SVG = 'http://www.w3.org/2000/svg';
const STATES = ['scheduled', 'open', 'live', 'ended'];
const STATE_ORDER = { live: 0, open: 1, scheduled: 2, ended: 3 };

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** The last hour as 60 minutes, oldest first, gaps filled with 0; it ends at the later of now and the data. */
export function lastHour(series, now = Date.now()) {
  const counts = new Map();
  let end = Math.floor(now / 60000);
  for (const point of series ?? []) {
    const minute = Math.floor(Date.parse(point.minute) / 60000);
    if (!Number.isFinite(minute)) continue;
    counts.set(minute, (counts.get(minute) ?? 0) + (Number(point.count) || 0));
    end = Math.max(end, minute);
  }
  return Array.from({ length: MINUTES }, (_, i) => {
    const minute = end - MINUTES + 1 + i;
    return { at: new Date(minute * 60000), count: counts.get(minute) ?? 0 };
  });
}

/** A round top for the y axis: 1, 2, 5, 10, 20, 50… at or above `max`. */
function niceTop(max) {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max);
}

/** The plot of `points` ([{at, count}]) as an SVG `width` pixels wide; `labelledBy` names its text alternative. */
function plot(points, width, labelledBy) {
  const height = 180;
  const pad = { left: 40, right: 10, top: 12, bottom: 30 };
  const innerW = Math.max(60, width - pad.left - pad.right);
  const innerH = height - pad.top - pad.bottom;
  const top = niceTop(Math.max(0, ...points.map((p) => p.count)));
  const y = (value) => pad.top + innerH - (value / top) * innerH;
  const step = innerW / points.length;
  const root = svg('svg', { width: pad.left + innerW + pad.right, height, viewBox: `0 0 ${pad.left + innerW + pad.right} ${height}`, role: 'img', 'aria-labelledby': labelledBy, class: 'dash-plot', focusable: 'false' });
  // y axis: 0, half and top, with grid lines
  for (const value of [0, top / 2, top]) {
    if (value !== Math.round(value)) continue;
    root.append(svg('line', { x1: pad.left, x2: pad.left + innerW, y1: y(value), y2: y(value), class: value ? 'grid' : 'axis' }),
      svg('text', { x: pad.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'tick' }, count(value)));
  }
  root.append(svg('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: pad.top + innerH, class: 'axis' }));
  points.forEach((point, i) => {
    if (!point.count) return;
    const barTop = y(point.count);
    root.append(svg('rect', { x: pad.left + i * step + step * 0.1, y: barTop, width: Math.max(1, step * 0.8), height: pad.top + innerH - barTop, class: 'bar' },
      svg('title', {}, t('console.dash.plotBar', { time: clock(point.at), count: point.count }))));
  });
  // x axis: a time every 15 minutes, and the last minute
  const every = innerW >= 420 ? 15 : innerW >= 220 ? 30 : 60; // room for a label about every 70 px
  const ticks = [...Array.from({ length: Math.ceil(points.length / every) }, (_, k) => k * every).filter((i) => points.length - 1 - i >= every / 2),
    points.length - 1];
  for (const i of ticks) {
    const x = pad.left + i * step + step / 2;
    const anchor = i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
    root.append(svg('line', { x1: x, x2: x, y1: pad.top + innerH, y2: pad.top + innerH + 4, class: 'axis' }),
      svg('text', { x: i === 0 ? pad.left : i === points.length - 1 ? pad.left + innerW : x, y: height - 8, 'text-anchor': anchor, class: 'tick' }, clock(points[i].at)));
  }
  return root;
}

/** The summary sentence that stands for the plot. */
function plotSummary(points) {
  const total = points.reduce((sum, p) => sum + p.count, 0);
  if (!total) return t('console.dash.plotNone');
  const busiest = points.reduce((best, p) => (p.count > best.count ? p : best), points[0]);
  return t('console.dash.plotSummary', {
    total: count(total), busiest: clock(busiest.at), most: count(busiest.count), last: count(points.at(-1).count),
  });
}

export function mount({ host, socket }) {
  let stats = null;
  let error = null;
  let updatedAt = null;
  let active = false;
  let timer = 0;
  let generation = 0;
  let resize = null;
  const nodes = {};

  const figure = (key, id) => {
    const value = el('dd', { id, className: 'dash-figure', textContent: '—' });
    nodes[key] = value;
    return [el('dt', { textContent: t(`console.dash.${key}`) }), value];
  };

  function build() {
    resize?.disconnect();
    nodes.updated = el('p', { className: 'hint', id: 'dash-updated' });
    nodes.error = statusLine('error', 'alert', 'dash-error');
    nodes.rooms = el('div', { id: 'dash-rooms' });
    nodes.plot = el('div', { className: 'dash-plot-box', id: 'dash-plot' });
    nodes.summary = el('p', { id: 'dash-plot-summary', className: 'dash-plot-summary' });
    nodes.minutes = el('div', { id: 'dash-minutes' });
    const card = (titleKey, ...children) => el('section', { className: 'card dash-card' }, el('h3', { textContent: t(titleKey) }), ...children);
    host.replaceChildren(
      el('h2', { id: 'admin-dashboard-title', textContent: t('console.dash.title') }),
      el('p', { className: 'hint', textContent: t('console.dash.intro') }),
      nodes.updated, nodes.error,
      el('div', { className: 'dash-cards' },
        card('console.dash.people', el('dl', { className: 'dash-stats' },
          ...figure('onlineNow', 'dash-online-now'), ...figure('onlineToday', 'dash-online-today'), ...figure('registered', 'dash-registered'))),
        card('console.dash.desk', el('dl', { className: 'dash-stats' },
          ...figure('waiting', 'dash-desk-waiting'), ...figure('claimed', 'dash-desk-claimed'), ...figure('resolvedToday', 'dash-desk-resolved'))),
        card('console.dash.meetings', el('dl', { className: 'dash-stats' },
          ...figure('requested', 'dash-meetings-requested'), ...figure('accepted', 'dash-meetings-accepted'), ...figure('held', 'dash-meetings-held'),
          ...figure('cancelled', 'dash-meetings-cancelled'), ...figure('noShow', 'dash-meetings-noshow')))),
      el('section', { className: 'card' }, el('h3', { textContent: t('console.dash.rooms') }), nodes.rooms),
      el('section', { className: 'card' },
        el('h3', { id: 'dash-plot-title', textContent: t('console.dash.plotTitle') }),
        nodes.plot, nodes.summary,
        el('details', { className: 'dash-details' }, el('summary', { textContent: t('console.dash.plotFigures') }), nodes.minutes)));
    host.setAttribute('aria-labelledby', 'admin-dashboard-title');
    if ('ResizeObserver' in window) {
      let lastWidth = 0;
      resize = new ResizeObserver(() => {
        const width = nodes.plot.clientWidth;
        if (width && width !== lastWidth) { lastWidth = width; renderPlot(); }
      });
      resize.observe(nodes.plot);
    }
    render();
  }

  function renderPlot() {
    if (!stats) return;
    const points = lastHour(stats.messagesPerMinute);
    nodes.plot.replaceChildren(plot(points, nodes.plot.clientWidth || 600, 'dash-plot-title dash-plot-summary'));
    nodes.summary.textContent = plotSummary(points);
    const busy = points.filter((p) => p.count > 0);
    nodes.minutes.replaceChildren(busy.length
      ? dataTable(t('console.dash.plotTitle'), [t('console.dash.minute'), { text: t('console.dash.messages'), num: true }],
        busy.map((p) => el('tr', {}, cell(clock(p.at)), cell(count(p.count), 'num'))))
      : el('p', { className: 'note', textContent: t('console.dash.plotNone') }));
  }

  function renderRooms() {
    const rooms = [...(stats.rooms ?? [])].sort((a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9)
      || (b.present ?? 0) - (a.present ?? 0) || (a.roomId ?? 0) - (b.roomId ?? 0));
    if (!rooms.length) {
      nodes.rooms.replaceChildren(el('p', { className: 'note', textContent: t('console.dash.noRooms') }));
      return;
    }
    nodes.rooms.replaceChildren(dataTable(t('console.dash.roomsCaption'),
      [t('console.dash.room'), t('console.dash.state'), { text: t('console.dash.present'), num: true }, { text: t('console.dash.peak'), num: true }],
      rooms.map((r) => el('tr', { className: r.state === 'live' ? 'dash-live' : '', dataset: { roomId: r.roomId } },
        el('td', {}, r.sessionId != null ? (localized(r.title) ? localizedNode('a', r.title, { href: `#/room/${r.roomId}` }) : el('a', { href: `#/room/${r.roomId}`, textContent: t('console.room', { id: r.roomId }) }))
          : (localized(r.title) ? localizedNode('span', r.title) : t('console.room', { id: r.roomId }))),
        cell(STATES.includes(r.state) ? t(`console.state.${r.state}`) : r.state),
        cell(count(r.present), 'num'), cell(count(r.peak), 'num'))),
      { id: 'dash-rooms-table' }));
  }

  function render() {
    nodes.error.textContent = error ? t('console.dash.failed', { reason: errorMessage(error) }) : '';
    nodes.updated.textContent = updatedAt
      ? t('console.dash.updated', { time: clock(updatedAt, { seconds: true }) })
      : t('console.dash.loading');
    if (!stats) return;
    const figures = {
      onlineNow: stats.onlineNow, onlineToday: stats.onlineToday, registered: stats.registered,
      waiting: stats.desk?.waiting, claimed: stats.desk?.claimed, resolvedToday: stats.desk?.resolvedToday,
      requested: stats.meetings?.requested, accepted: stats.meetings?.accepted, held: stats.meetings?.held,
      cancelled: stats.meetings?.cancelled, noShow: stats.meetings?.noShow,
    };
    for (const [key, value] of Object.entries(figures)) {
      nodes[key].textContent = count(value);
      nodes[key].dataset.value = String(Number(value) || 0);
    }
    renderRooms();
    renderPlot();
  }

  async function tick(mine) {
    try {
      stats = await socket.request('admin.stats', {}, { retry: false });
      updatedAt = new Date();
      error = null;
    } catch (failure) {
      error = failure;
    }
    if (mine !== generation || !active) return;
    render();
    timer = setTimeout(() => tick(mine), EVERY_MS);
  }

  function start() {
    clearTimeout(timer);
    active = true;
    tick(++generation);
  }

  function stop() {
    active = false;
    generation += 1;
    clearTimeout(timer);
  }

  return {
    show() { build(); start(); },
    hide() { stop(); },
    unmount() { stop(); resize?.disconnect(); host.replaceChildren(); },
  };
}
