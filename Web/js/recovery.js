// Account recovery on the sign-in page: "Forgot your password?" (POST /api/password/forgot, the same answer whether
// an account exists or not) and the page a reset link opens (#/reset/<token> → POST /api/password/reset), which
// sets the new password and signs the person in.
import { api } from './api.js';
import { $ } from './dom.js';
import { showAuthError, showAuthMessage, showForm } from './auth.js';

let resetToken = null;

/**
 * Reads a reset link's token from the address (then keeps it in memory only: the address bar and the history
 * keep `#/reset`). Returns the token, '' for a reset address without one (a reload), or null for other addresses.
 */
export function takeResetToken() {
  if (!location.hash.startsWith('#/reset')) return null;
  const match = /^#\/reset\/([A-Za-z0-9_-]{20,100})$/.exec(location.hash);
  if (match) resetToken = match[1];
  history.replaceState(null, '', '#/reset');
  return resetToken ?? '';
}

/** Shows the new-password form for the link's token, or, without one, the request form and why. */
export function showReset() {
  if (resetToken) {
    showForm('reset', { focus: true });
  } else {
    showForm('forgot', { focus: true });
    showAuthMessage('auth.reset.expired');
  }
}

function busy(form, on) {
  form.querySelector('button[type="submit"]').disabled = on;
  if (on) form.setAttribute('aria-busy', 'true');
  else form.removeAttribute('aria-busy');
}

async function askForLink(form) {
  const email = form.elements.email.value.trim();
  $('forgot-sent').hidden = true;
  busy(form, true);
  try {
    await api('/api/password/forgot', { method: 'POST', body: { email } });
    showForm('forgot', { focus: false });
    $('forgot-sent').hidden = false;
  } catch (error) {
    showAuthError(error, 'forgot');
  } finally {
    busy(form, false);
  }
}

async function setPassword(form, onSignedIn) {
  const password = form.elements.password.value;
  if (password !== form.elements.confirm.value) {
    showAuthMessage('auth.reset.mismatch');
    form.elements.confirm.setAttribute('aria-invalid', 'true');
    form.elements.confirm.focus();
    return;
  }
  busy(form, true);
  try {
    const reply = await api('/api/password/reset', { method: 'POST', body: { token: resetToken, password } });
    resetToken = null;
    form.reset();
    history.replaceState(null, '', '#/');
    onSignedIn(reply.user);
  } catch (error) {
    showAuthError(error, 'reset');
  } finally {
    busy(form, false);
  }
}

/** Wires the two forms; `onSignedIn(user)` runs once a new password is set. */
export function initRecovery({ onSignedIn }) {
  // A reset link opened in a tab already on the seminar changes only the hash: start afresh, as from the mail.
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/reset/')) location.reload();
  });
  $('show-forgot').addEventListener('click', () => {
    $('forgot-email').value = $('signin-email').value;
    $('forgot-sent').hidden = true;
    showForm('forgot');
  });
  $('forgot-back').addEventListener('click', () => showForm('signin'));
  $('reset-ask-again').addEventListener('click', () => {
    $('forgot-sent').hidden = true;
    showForm('forgot');
  });
  $('forgot-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!event.target.getAttribute('aria-busy')) askForLink(event.target);
  });
  $('reset-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!event.target.getAttribute('aria-busy')) setPassword(event.target, onSignedIn);
  });
}
