// Bootstrap: language, public seminar info, who is signed in; then the sign-in view or the home view
// with its socket.
import { applyTranslations, getLocale, onLocaleChange, setLocale, t } from './i18n.js';
import { answer, api } from './api.js';
import { early } from './prefetch.js';
import { initAuth, setRegistrationOpen, showAuthMessage, showForm } from './auth.js';
import { initRecovery, showReset, takeResetToken } from './recovery.js';
import { renderSeminar, setPageTitle, setSeminar } from './seminar.js';
import { mountHome } from './home.js';
import { SeminarSocket } from './socket.js';
import { $ } from './dom.js';

let socket = null;
let home = null;

/** Shows one view; the language selector moves into the visible view's header. */
function showView(name) {
  $('boot-status').hidden = true;
  $('auth-view').hidden = name !== 'auth';
  $('home-view').hidden = name !== 'home';
  const slot = document.querySelector(`#${name}-view [data-lang-slot]`);
  const picker = $('lang-select').closest('.lang');
  if (slot && picker.parentElement !== slot) slot.append(picker);
  if (name === 'auth') {
    setPageTitle(t('auth.signin.title'));
    // the seminar's program beside the forms: loaded only for someone not signed in
    import('./welcome.js').then(({ showWelcome }) => showWelcome()).catch(() => { /* the forms work without it */ });
  }
}

/** The account's language is the person's, on every device: the page follows it when they sign in (an organiser
 * may have set it, or they chose it elsewhere); choosing another one saves it to the account (locale.set). */
function followAccountLanguage(user) {
  if (user?.locale && user.locale !== getLocale()) {
    setLocale(user.locale).then((changed) => { if (changed) $('lang-select').value = user.locale; });
  }
}

function enterHome(user, { focus = true } = {}) {
  if (home) return;
  followAccountLanguage(user);
  showView('home');
  socket = new SeminarSocket({
    onStatus: (status) => home?.showStatus(status),
    onHello: (hello) => {
      if (!hello.user) return;
      followAccountLanguage(hello.user);
      home?.setUser(hello.user);
    },
    onUnauthenticated: () => leaveHome('auth.sessionEnded'),
    probeAuth: async () => {
      try { await api('/api/me'); return true; } catch (error) { return error.code !== 'unauthenticated'; }
    },
  });
  home = mountHome({ user, socket, onLogout: logout, focus });
  socket.connect();
}

function leaveHome(messageKey) {
  socket?.close();
  socket = null;
  home?.unmount();
  home = null;
  showView('auth');
  showForm('signin');
  if (messageKey) showAuthMessage(messageKey);
}

async function logout() {
  let message;
  try {
    await api('/api/logout', { method: 'POST' });
  } catch (error) {
    // Already signed out is fine; otherwise the session cookie may still be valid: say so.
    if (error.code !== 'unauthenticated') message = 'auth.logoutFailed';
  }
  leaveHome(message);
}

async function onLanguagePicked(event) {
  const locale = event.target.value;
  if (!(await setLocale(locale))) {
    // Its strings could not be fetched: the page stays in its language (unless another choice came since).
    if ($('lang-select').value === locale) $('lang-select').value = getLocale();
    return;
  }
  socket?.request('locale.set', { locale }).catch(() => { /* the choice is kept locally anyway */ });
}

function wireSkipLinks() {
  // Move focus without touching location.hash, which carries the route.
  for (const link of document.querySelectorAll('.skip-link')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      $(link.getAttribute('href').slice(1))?.focus();
    });
  }
}

async function boot() {
  await setLocale(getLocale(), { store: false });
  applyTranslations(document);
  onLocaleChange((locale) => {
    applyTranslations(document);
    renderSeminar();
    $('lang-select').value = locale;
    if (!$('auth-view').hidden) setPageTitle(t('auth.signin.title'));
  });
  $('lang-select').value = getLocale();
  $('lang-select').addEventListener('change', onLanguagePicked);
  wireSkipLinks();
  initAuth({ onSignedIn: (user) => enterHome(user) });
  initRecovery({ onSignedIn: (user) => enterHome(user) });
  const resetToken = takeResetToken();

  // Asked for by prefetch.js while the modules were loading.
  const [seminar, me] = await Promise.allSettled([answer(early.seminar), answer(early.me)]);
  setSeminar(seminar.status === 'fulfilled' ? seminar.value : null);
  renderSeminar();
  if (seminar.status === 'fulfilled') setRegistrationOpen(seminar.value.openRegistration !== false);

  // A reset link opens its page even for someone signed in (on a shared computer, say).
  if (resetToken !== null && seminar.status === 'fulfilled') {
    showView('auth');
    showReset();
    return;
  }
  if (me.status === 'fulfilled' && me.value.user) {
    enterHome(me.value.user, { focus: false });
    return;
  }
  showView('auth');
  showForm('signin', { focus: false });
  const signedOut = me.status === 'rejected' && me.reason.code === 'unauthenticated';
  if (seminar.status === 'rejected' || !signedOut) showAuthMessage('error.network');
  else if (location.hash === '#/link-expired') showAuthMessage('auth.linkExpired');
}

boot();
