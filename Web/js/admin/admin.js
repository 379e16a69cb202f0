// The organiser console (`#/admin/<tab>`): a heading, a row of tabs and the chosen tab's part. Each part is its own
// module, loaded the first time its tab opens (a first visit downloads the dashboard, not the whole console); the tab
// is in the URL, so a link opens it and the back button returns to the previous one. A part exports
// `mount({ host, socket, user })` → `{ show?(), hide?(), unmount() }`; add one by adding a line to PARTS.
import { t } from '../i18n.js';
import { el } from '../dom.js';
import { loadWith } from '../areas.js';

/** The console's parts, in tab order; the first opens on `#/admin`. `strings`/`styles`: what the part adds. */
export const PARTS = [
  { id: 'dashboard', module: () => import('./admin-dashboard.js') },
  { id: 'announce', module: () => import('./admin-announce.js') },
  { id: 'people', module: () => import('./admin-people.js') },
  { id: 'mail', module: () => import('./admin-mail.js') },
  // the meetings plan reuses the lounge's form parts
  { id: 'plan', module: () => import('./admin-plan.js'), strings: ['lounge'], styles: ['lounge'] },
  { id: 'reports', module: () => import('./admin-reports.js') },
  { id: 'audit', module: () => import('./admin-audit.js') },
];

export function mount({ section, socket, user }) {
  let me = user;
  let current = null; // the part shown
  const parts = new Map(); // id → promise of { host, instance }
  const heading = el('h1', { id: 'area-admin-title', tabIndex: -1, textContent: t('area.admin') });
  const tabs = el('ul', { className: 'console-tabs' });
  const nav = el('nav', { className: 'console-nav' }, tabs);
  const body = el('div', { className: 'admin-parts' });
  const status = el('p', { className: 'note', role: 'status' });
  section.setAttribute('aria-labelledby', heading.id);

  function renderTabs(chosen) {
    nav.setAttribute('aria-label', t('console.tabs'));
    tabs.replaceChildren(...PARTS.map(({ id }) => {
      const link = el('a', { href: `#/admin/${id}`, id: `console-tab-${id}`, textContent: t(`console.tab.${id}`) });
      if (id === chosen) link.setAttribute('aria-current', 'page');
      return el('li', {}, link);
    }));
  }

  /** The part's host and instance, its module loaded (with its strings and styles) on first use. */
  function part(spec) {
    if (!parts.has(spec.id)) {
      parts.set(spec.id, loadWith(spec).then((module) => {
        const host = el('section', { id: `admin-${spec.id}`, className: 'admin-part' });
        return { host, instance: module.mount({ host, socket, user: me }) };
      }, (error) => {
        parts.delete(spec.id); // the link dropped while loading: the next visit tries again
        throw error;
      }));
    }
    return parts.get(spec.id);
  }

  return {
    async show(path = []) {
      if (me?.role !== 'organiser') {
        section.replaceChildren(heading, el('p', { className: 'error', role: 'alert', textContent: t('admin.organisersOnly') }));
        return;
      }
      const spec = PARTS.find((p) => p.id === path[0]) ?? PARTS[0];
      heading.textContent = t('area.admin');
      renderTabs(spec.id);
      status.textContent = t('app.loading');
      if (!body.isConnected) section.replaceChildren(heading, nav, status, body);
      const previous = current;
      current = spec.id;
      if (previous && previous !== spec.id) (await parts.get(previous)?.catch(() => null))?.instance.hide?.();
      let shown;
      try {
        shown = await part(spec);
      } catch {
        if (current === spec.id) status.textContent = t('area.soon');
        return;
      }
      if (current !== spec.id) return; // another tab was chosen meanwhile
      status.textContent = '';
      body.replaceChildren(shown.host);
      await shown.instance.show?.();
    },
    hide() {
      const id = current;
      current = null;
      parts.get(id)?.then(({ instance }) => instance.hide?.(), () => {});
    },
    unmount() {
      for (const pending of parts.values()) pending.then(({ instance }) => instance.unmount?.(), () => {});
      parts.clear();
      current = null;
      section.replaceChildren();
    },
    setUser(next) { me = next; },
  };
}
