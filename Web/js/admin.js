// The organiser console (`#/admin`): a heading and its parts, one module each, mounted in order. A part exports
// `mount({ host, socket, user })` → `{ show?(), hide?(), unmount() }`; add one by adding a line to PARTS.
import { t } from './i18n.js';
import { el } from './dom.js';

/** The console's parts, in page order. */
export const PARTS = [
  { id: 'dashboard', load: () => import('./admin-dashboard.js') },
  { id: 'announce', load: () => import('./admin-announce.js') },
  { id: 'people', load: () => import('./admin-people.js') },
  { id: 'mail', load: () => import('./admin-mail.js') },
  { id: 'plan', load: () => import('./admin-plan.js') },
  { id: 'reports', load: () => import('./admin-reports.js') },
  { id: 'audit', load: () => import('./admin-audit.js') },
];

export function mount({ section, socket, user }) {
  let me = user;
  let parts = null; // [{ host, instance }] once loaded
  const heading = el('h1', { id: 'area-admin-title', tabIndex: -1, textContent: t('area.admin') });
  const body = el('div', { className: 'admin-parts' });
  section.setAttribute('aria-labelledby', heading.id);

  async function load() {
    parts = await Promise.all(PARTS.map(async (part) => {
      const host = el('section', { id: `admin-${part.id}`, className: 'admin-part' });
      const instance = (await part.load()).mount({ host, socket, user: me });
      return { host, instance };
    }));
  }

  return {
    async show() {
      if (me?.role !== 'organiser') {
        section.replaceChildren(heading, el('p', { className: 'error', role: 'alert', textContent: t('admin.organisersOnly') }));
        return;
      }
      heading.textContent = t('area.admin');
      if (!parts) await load();
      body.replaceChildren(...parts.map((p) => p.host));
      section.replaceChildren(heading, body);
      for (const { instance } of parts) instance.show?.();
    },
    hide() { for (const { instance } of parts ?? []) instance.hide?.(); },
    unmount() {
      for (const { instance } of parts ?? []) instance.unmount?.();
      parts = null;
      section.replaceChildren();
    },
    setUser(next) { me = next; },
  };
}
