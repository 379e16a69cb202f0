// The signed-in view: header (user, connection status, sign-out), hash routing between the areas,
// and the home overview with the announcements.
import { onLocaleChange, t } from './i18n.js';
import { setPageTitle } from './seminar.js';
import { mountAnnouncements } from './announcements.js';
import { $, el } from './dom.js';

export const AREAS = ['desk', 'lounge', 'sessions', 'hub', 'agenda'];

/** One section per area not written in index.html yet: a heading and "opens soon". */
function buildAreas() {
  for (const area of AREAS) {
    if ($(`area-${area}`)) continue;
    const section = el('section', { id: `area-${area}`, className: 'area', hidden: true },
      el('h1', { id: `area-${area}-title`, tabIndex: -1, dataset: { i18n: `area.${area}` } }),
      el('p', { dataset: { i18n: 'area.soon' } }));
    section.setAttribute('aria-labelledby', `area-${area}-title`);
    $('home-main').append(section);
  }
}
buildAreas();

/** "home", an area name, or null for a hash that is not a route (e.g. an in-page anchor). */
function routeFromHash(hash = location.hash) {
  if (!hash || hash === '#' || hash === '#/') return 'home';
  if (!hash.startsWith('#/')) return null;
  const name = hash.slice(2).split(/[/?]/)[0];
  return AREAS.includes(name) ? name : 'home';
}

function showRoute(route, { focus }) {
  $('overview').hidden = route !== 'home';
  for (const area of AREAS) $(`area-${area}`).hidden = route !== area;
  for (const link of document.querySelectorAll('#main-nav a[data-area]')) {
    if (link.dataset.area === route) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  setPageTitle(route === 'home' ? t('nav.home') : t(`area.${route}`));
  if (focus) $(route === 'home' ? 'home-title' : `area-${route}-title`).focus();
}

function renderStatus(status) {
  const box = $('connection-status');
  box.dataset.state = status;
  $('connection-status-text').textContent = t(`status.${status}`);
  $('offline-banner').hidden = status !== 'offline';
}

/** Shows the home view; `onLogout()` runs on the sign-out button. Returns `{ setUser, showStatus, unmount }`. */
export function mountHome({ user, socket, onLogout, focus = false }) {
  let route = routeFromHash() ?? 'home';
  let status = socket.status;
  const announcements = mountAnnouncements({ socket });
  const setUser = (next) => {
    $('user-name').textContent = next.displayName || next.email || '';
    announcements.setUser(next);
  };
  const onHash = () => {
    if (routeFromHash() === null) return; // an in-page anchor, not a route
    route = routeFromHash();
    showRoute(route, { focus: true });
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
      $('user-name').textContent = '';
    },
  };
}
