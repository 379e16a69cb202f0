// The signed-in view: header (user, connection status, sign-out), hash routing between the areas (each a
// module of areas.js, loaded on first visit), and the home overview with the announcements.
import { onLocaleChange, t } from './i18n.js';
import { setPageTitle } from './seminar.js';
import { mountAnnouncements } from './announcements.js';
import { mountNotices } from './notices.js';
import { mountHelp } from './help-button.js';
import { mountHomeLive } from './home-live.js';
import { acquireLive } from './lounge-live.js';
import { AREA_LOADERS } from './areas.js';
import { routeOpenTo, watchRole } from './role-watch.js';
import { $, el } from './dom.js';

const ROUTES = Object.keys(AREA_LOADERS);

/** The area's section, made on first use: a heading and "Loading…" until its module fills it. */
function sectionFor(area) {
  let section = $(`area-${area}`);
  if (section) return section;
  section = el('section', { id: `area-${area}`, className: 'area', hidden: true },
    el('h1', { id: `area-${area}-title`, tabIndex: -1, dataset: { i18n: `area.${area}` }, textContent: t(`area.${area}`) }),
    el('p', { className: 'area-loading', dataset: { i18n: 'app.loading' }, textContent: t('app.loading') }));
  section.setAttribute('aria-labelledby', `area-${area}-title`);
  $('home-main').append(section);
  return section;
}

/** `{area, path}` ("home" for the overview), or null for a hash that is not a route (an in-page anchor). */
function routeFromHash(hash = location.hash) {
  if (!hash || hash === '#' || hash === '#/') return { area: 'home', path: [] };
  if (!hash.startsWith('#/')) return null;
  const [name, ...path] = hash.slice(2).split('?')[0].split('/').map(decodeURIComponent);
  return ROUTES.includes(name) ? { area: name, path: path.filter(Boolean) } : { area: 'home', path: [] };
}

function renderStatus(status) {
  const box = $('connection-status');
  box.dataset.state = status;
  $('connection-status-text').textContent = t(`status.${status}`);
  $('offline-banner').hidden = status !== 'offline';
}

/** Shows the organisers' (and other roles') links only to those who have the role. */
function renderRoleLinks(user) {
  for (const link of document.querySelectorAll('#main-nav [data-roles]')) {
    link.closest('li').hidden = !link.dataset.roles.split(' ').includes(user?.role);
  }
}

/** Shows the home view; `onLogout()` runs on the sign-out button. Returns `{ setUser, showStatus, unmount }`. */
export function mountHome({ user, socket, onLogout, focus = false }) {
  let route = routeFromHash() ?? { area: 'home', path: [] };
  let status = socket.status;
  let currentUser = user;
  let visit = 0;
  const mounted = new Map(); // area → module instance (or a promise of it while loading)
  const announcements = mountAnnouncements({ socket });
  const notices = user?.id != null ? mountNotices({ socket, user }) : null; // reminders, breakout groups
  const help = mountHelp({ socket, user }); // the "Need help?" button on every page
  const homeLive = mountHomeLive({ socket }); // live sessions and UCLG TV on the overview
  const loungeLive = user?.id != null ? acquireLive({ socket, user }) : null; // unread DMs on the Lounge link
  // A role changed by an organiser takes effect at once (no reload).
  const roles = user?.id != null ? watchRole({ socket, user, onChange: (role, change) => setUser({ ...currentUser, role: role ?? currentUser.role }, change) }) : null;
  let hosting = null; // "Your sessions": a lazy module, for hosts only
  const go = (hash) => { if (location.hash === hash) onHash(); else location.hash = hash; };

  async function instance(area) {
    if (!mounted.has(area)) {
      mounted.set(area, AREA_LOADERS[area]().then(
        (module) => module.mount({ section: sectionFor(area), socket, user: currentUser, go }),
        () => { // no module yet, or the link dropped while loading: say so, and try again on the next visit
          mounted.delete(area);
          const waiting = sectionFor(area).querySelector('.area-loading');
          if (waiting) { waiting.dataset.i18n = 'area.soon'; waiting.textContent = t('area.soon'); }
          return null;
        }));
    }
    return mounted.get(area);
  }

  async function showRoute(next, { focus: wantsFocus }) {
    const thisVisit = ++visit;
    const previous = route;
    route = next;
    if (previous.area !== next.area && previous.area !== 'home') (await mounted.get(previous.area))?.hide?.();
    $('overview').hidden = next.area !== 'home';
    for (const area of ROUTES) $(`area-${area}`)?.toggleAttribute('hidden', area !== next.area);
    for (const link of document.querySelectorAll('#main-nav a[data-area]')) {
      if (link.dataset.area === next.area) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    setPageTitle(next.area === 'home' ? t('nav.home') : t(`area.${next.area}`));
    if (next.area !== 'home') {
      const section = sectionFor(next.area);
      section.hidden = false;
      const module = await instance(next.area);
      if (thisVisit !== visit) return;
      await module?.show?.(next.path);
    }
    if (wantsFocus && thisVisit === visit) {
      (next.area === 'home' ? $('home-title') : $(`area-${next.area}`)?.querySelector('h1'))?.focus();
    }
  }

  /**
   * The signed-in person, again (hello after a reconnect) or with a new role (`change`: the `role.changed` data):
   * menus and areas follow; a new role is announced, and a page it may not use is left for the home page.
   */
  const setUser = (next, change = null) => {
    const roleChanged = currentUser?.role !== next.role;
    currentUser = next;
    $('user-name').textContent = next.displayName || next.email || '';
    renderRoleLinks(next);
    const hosts = next?.id != null && next.role === 'host';
    if (hosts && !hosting) hosting = import('./home-hosting.js').then((m) => m.mountHomeHosting({ socket, user: next })).catch(() => null);
    if (!hosts && hosting) { hosting.then((h) => h?.unmount()); hosting = null; }
    announcements.setUser(next);
    help.setUser(next);
    for (const pending of mounted.values()) pending.then((module) => module?.setUser?.(next, change));
    if (!roleChanged) return;
    const closed = !routeOpenTo(route, next.role);
    notices?.add('role', { role: next.role, closed });
    if (closed) go('#/');
  };
  const onHash = () => {
    const next = routeFromHash();
    if (next === null) return; // an in-page anchor, not a route
    showRoute(next, { focus: true });
  };
  const onLogoutClick = () => onLogout();
  const offLocale = onLocaleChange(() => {
    renderStatus(status);
    showRoute(route, { focus: false });
  });
  setUser(user);
  showRoute(route, { focus });
  renderStatus(status);
  addEventListener('hashchange', onHash);
  $('logout-button').addEventListener('click', onLogoutClick);

  return {
    setUser,
    showStatus(next) { renderStatus(status = next); },
    unmount() {
      removeEventListener('hashchange', onHash);
      $('logout-button').removeEventListener('click', onLogoutClick);
      offLocale();
      announcements.unmount();
      notices?.unmount();
      help.unmount();
      homeLive.unmount();
      loungeLive?.release();
      roles?.unmount();
      hosting?.then((h) => h?.unmount());
      for (const pending of mounted.values()) pending.then((module) => module?.unmount?.());
      mounted.clear();
      for (const area of ROUTES) $(`area-${area}`)?.remove();
      $('user-name').textContent = '';
    },
  };
}
