// Sign-in and sign-up forms: POST /api/login and /api/register, errors localized by code and field. The page's
// message box and form switching are shared with the account-recovery forms (recovery.js).
import { api } from './api.js';
import { getLocale, onLocaleChange, t } from './i18n.js';
import { errorMessage } from './errors.js';
import { $ } from './dom.js';

const FIELDS = {
  login: { email: 'signin-email', password: 'signin-password' },
  register: { displayName: 'signup-name', email: 'signup-email', password: 'signup-password' },
  forgot: { email: 'forgot-email' },
  reset: { password: 'reset-password' },
};
const FORMS = { signin: 'signin-form', signup: 'signup-form', forgot: 'forgot-form', reset: 'reset-form' };
const FIRST_FIELD = { signin: 'signin-email', signup: 'signup-name', forgot: 'forgot-email', reset: 'reset-password' };
let shown = null; // what #auth-error shows, kept so a language switch can re-render it

function renderError() {
  const box = $('auth-error');
  if (!shown) box.textContent = '';
  else box.textContent = shown.key ? t(shown.key) : errorMessage(shown.error, shown.scope);
}

function clearError() {
  shown = null;
  renderError();
  for (const input of document.querySelectorAll('#auth-view [aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-errormessage');
  }
}

/** Shows a message by string key in #auth-error (e.g. "error.network", "auth.sessionEnded"). */
export function showAuthMessage(key) {
  clearError();
  shown = { key };
  renderError();
}

/** Shows a server or network error in #auth-error, worded for `scope` ("login", "forgot", "reset", …). */
export function showAuthError(error, scope) {
  clearError();
  shown = { error, scope };
  renderError();
  const input = error.field && $(FIELDS[scope]?.[error.field]);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-errormessage', 'auth-error');
    input.focus();
  }
}

/** Shows one form of the page: "signin", "signup", "forgot" (ask for a reset link) or "reset" (a new password). */
export function showForm(which, { focus = true } = {}) {
  for (const [name, id] of Object.entries(FORMS)) $(id).hidden = name !== which;
  clearError();
  if (focus) $(FIRST_FIELD[which]).focus();
}

/** Hides the way to the sign-up form when the server says registration is closed. */
export function setRegistrationOpen(open) {
  $('show-signup').hidden = !open;
  $('registration-closed').hidden = open;
  if (!open && !$('signup-form').hidden) showForm('signin', { focus: false });
}

async function submit(scope, form) {
  const value = (name) => form.elements[name].value;
  const body = { email: value('email').trim(), password: value('password') };
  if (scope === 'register') {
    body.displayName = value('displayName').trim();
    body.locale = getLocale();
  }
  const button = form.querySelector('button[type="submit"]');
  clearError();
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const reply = await api(`/api/${scope}`, { method: 'POST', body });
    form.elements.password.value = '';
    return reply.user;
  } catch (error) {
    showAuthError(error, scope);
    return null;
  } finally {
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** Wires both forms; `onSignedIn(user)` runs after a successful sign-in or sign-up. */
export function initAuth({ onSignedIn }) {
  for (const [formId, scope] of [['signin-form', 'login'], ['signup-form', 'register']]) {
    const form = $(formId);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (form.getAttribute('aria-busy')) return;
      const user = await submit(scope, form);
      if (user) onSignedIn(user);
    });
  }
  $('show-signup').addEventListener('click', () => showForm('signup'));
  $('show-signin').addEventListener('click', () => showForm('signin'));
  onLocaleChange(renderError);
}
