// JSON over HTTP for the few routes that are not on the socket (accounts, public seminar info).
import { protocolError } from './errors.js';

const CODE_FOR_STATUS = {
  400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict',
  413: 'too_large', 429: 'rate_limited', 503: 'unavailable',
};

/**
 * Calls `path` and resolves with the parsed JSON body (or `{}`). Rejects with an Error carrying
 * `.code` (protocol code, or "network" when the server cannot be reached), `.field`, `.retryAfterMs`, `.status`.
 */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return answer(fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

/** Reads a pending fetch (e.g. one started early by prefetch.js) the way `api` does. */
export async function answer(pending) {
  let response;
  try {
    response = await pending;
  } catch {
    throw protocolError({ code: 'network' });
  }
  let json = null;
  try {
    const text = await response.text();
    json = text ? JSON.parse(text) : null;
  } catch { /* not JSON (e.g. a proxy's error page) */ }
  if (response.ok) return json ?? {};
  const error = protocolError(json?.error, CODE_FOR_STATUS[response.status] || 'internal');
  error.status = response.status;
  throw error;
}
