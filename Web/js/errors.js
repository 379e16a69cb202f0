// Turns a server or network error into a localized sentence.
import { t } from './i18n.js';

/**
 * `error` carries `.code` (a protocol error code or "network"), and maybe `.field` and `.retryAfterMs`.
 * `scope` ("login", "register", …) picks a more precise sentence when one exists.
 */
export function errorMessage(error, scope) {
  const code = error?.code || 'internal';
  if (code === 'rate_limited') {
    const seconds = Math.max(1, Math.ceil((Number(error.retryAfterMs) || 1000) / 1000));
    return t('error.rate_limited', { seconds });
  }
  const candidates = [];
  if (scope) candidates.push(`error.${scope}.${code}`);
  if (error?.field) candidates.push(`error.${code}.${error.field}`);
  candidates.push(`error.${code}`);
  for (const key of candidates) {
    const text = t(key);
    if (text !== key) return text;
  }
  return t('error.internal');
}

/** Builds an Error from a protocol error object `{code, message, field, retryAfterMs?, detail?}`. */
export function protocolError(body, fallbackCode = 'internal') {
  const error = new Error(body?.message || body?.code || fallbackCode);
  error.code = body?.code || fallbackCode;
  error.field = body?.field ?? null;
  error.retryAfterMs = body?.retryAfterMs ?? null;
  error.detail = body?.detail ?? null;
  return error;
}
