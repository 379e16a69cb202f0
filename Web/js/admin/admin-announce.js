// The organiser console's "Announcements": the complete form (text, level, its language (the page's unless another
// is picked), an optional expiry and an optional "publish at", both read in the viewer's time zone and sent as ISO
// UTC), the scheduled ones
// (`announce.scheduled`) with "cancel", and the ones on screen now (the `seminar` topic) with "end now"
// (`announce.cancel` on a published one expires it).
import { LOCALES, getLocale, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { formatDateTime } from '../time.js';
import { LANGUAGE_NAMES, languageMarker } from '../program-text.js';
import { getSeminar } from '../seminar.js';
import { count, isoToLocalInput, labelled, localInputToIso, viewerZone, when } from './admin-console-kit.js';

const LEVELS = ['info', 'warning', 'urgent'];
const MAX_TEXT = 2000;
const levelName = (level) => t(`console.ann.level.${LEVELS.includes(level) ? level : 'info'}`);

/** An announcement's text in its language, marked "(in Spanish)" when the organiser reads another one. */
function announcementText(a) {
  const lang = LOCALES.includes(a.lang) ? a.lang : null;
  const node = el('p', { className: 'announcement-text' }, String(a.text ?? ''));
  if (lang) node.lang = lang;
  const marker = languageMarker(lang);
  if (marker) node.append(' ', marker);
  return node;
}

/** Checks the form's values; returns `{data}` to send or `{field, message}`. */
export function readAnnouncement({ text, level, lang, expires, publish }, now = Date.now()) {
  const value = text.trim();
  if (!value) return { field: 'text', message: t('console.ann.needText') };
  if (value.length > MAX_TEXT) return { field: 'text', message: t('console.ann.tooLong', { max: count(MAX_TEXT) }) };
  const expiresAt = localInputToIso(expires);
  const publishAt = localInputToIso(publish);
  if (publishAt === null) return { field: 'publishAt', message: t('console.ann.badDate') };
  if (expiresAt === null) return { field: 'expiresAt', message: t('console.ann.badDate') };
  if (publishAt && Date.parse(publishAt) <= now) return { field: 'publishAt', message: t('console.ann.publishPast') };
  if (expiresAt && Date.parse(expiresAt) <= now) return { field: 'expiresAt', message: t('console.ann.expiresPast') };
  if (expiresAt && publishAt && Date.parse(expiresAt) <= Date.parse(publishAt)) return { field: 'expiresAt', message: t('console.ann.expiresBeforePublish') };
  const data = { text: value, level: LEVELS.includes(level) ? level : 'info', lang: LOCALES.includes(lang) ? lang : getLocale() };
  if (expiresAt) data.expiresAt = expiresAt;
  if (publishAt) data.publishAt = publishAt;
  return { data };
}

export function mount({ host, socket }) {
  let scheduled = [];
  let scheduledLoaded = false;
  let active = new Map(); // id → announcement on screen now
  let following = false;
  let draft = { text: '', level: 'info', lang: '', expires: '', publish: '' }; // lang '': the page's language
  let lastStatus = '';
  const nodes = {};

  // ---------- the form ----------
  function form() {
    const text = el('textarea', { id: 'console-ann-text', rows: 3, maxLength: MAX_TEXT, value: draft.text, required: true });
    const counter = el('p', { className: 'hint', id: 'console-ann-count' });
    const level = el('select', { id: 'console-ann-level' }, ...LEVELS.map((l) => el('option', { value: l, textContent: levelName(l) })));
    level.value = draft.level;
    const lang = el('select', { id: 'console-ann-lang' }, ...LOCALES.map((l) => {
      const option = el('option', { value: l, textContent: LANGUAGE_NAMES[l] });
      option.lang = l;
      return option;
    }));
    lang.value = draft.lang || getLocale();
    // Picked once, it stays for the next announcements; until then it follows the page's language.
    lang.addEventListener('change', () => { draft.lang = lang.value; });
    const minimum = isoToLocalInput(new Date());
    const expires = el('input', { type: 'datetime-local', id: 'console-ann-expires', value: draft.expires, min: minimum });
    const publish = el('input', { type: 'datetime-local', id: 'console-ann-publish', value: draft.publish, min: minimum });
    const byMail = el('input', { type: 'checkbox', id: 'console-ann-email' });
    const alert = statusLine('error', 'alert', 'console-ann-error');
    const status = statusLine('note', 'status', 'console-ann-status');
    status.textContent = lastStatus;
    const submit = el('button', { type: 'submit', className: 'primary', id: 'console-ann-submit' });
    const sync = () => {
      draft = { text: text.value, level: level.value, lang: draft.lang, expires: expires.value, publish: publish.value };
      counter.textContent = t('console.ann.count', { used: count(text.value.length), max: count(MAX_TEXT) });
      submit.textContent = publish.value ? t('console.ann.schedule') : t('console.ann.publishNow');
    };
    const textField = labelled(t('console.ann.text'), text);
    textField.append(counter);
    text.setAttribute('aria-describedby', counter.id);
    const zone = t('console.ann.zoneHint', { tz: viewerZone() });
    const node = el('form', { className: 'card', id: 'console-ann-form', noValidate: true },
      el('h3', { textContent: t('console.ann.formTitle') }),
      textField,
      el('div', { className: 'form-grid console-ann-grid' },
        labelled(t('console.ann.level'), level),
        labelled(t('console.ann.lang'), lang, t('console.ann.langHint')),
        labelled(t('console.ann.publish'), publish, `${t('console.ann.publishHint')} ${zone}`),
        labelled(t('console.ann.expires'), expires, `${t('console.ann.expiresHint')} ${zone}`)),
      el('label', { className: 'console-check' }, byMail, ` ${t('console.ann.email')}`),
      alert, status, submit);
    const controls = { text, lang, expiresAt: expires, publishAt: publish };
    node.addEventListener('input', sync);
    node.addEventListener('change', sync);
    node.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      for (const control of Object.values(controls)) control.removeAttribute('aria-invalid');
      alert.textContent = '';
      const checked = readAnnouncement({ ...draft, lang: lang.value });
      if (!checked.data) {
        alert.textContent = checked.message;
        controls[checked.field]?.setAttribute('aria-invalid', 'true');
        controls[checked.field]?.focus();
        return;
      }
      submit.disabled = true;
      status.textContent = t('console.ann.sending');
      try {
        const reply = await socket.request('announce', byMail.checked ? { ...checked.data, email: true } : checked.data);
        byMail.checked = false;
        lastStatus = checked.data.publishAt && !reply.seq
          ? t('console.ann.scheduled', { time: formatDateTime(checked.data.publishAt, getSeminar()?.timeZone) })
          : t('console.ann.published');
        status.textContent = lastStatus;
        draft = { text: '', level: 'info', lang: draft.lang, expires: '', publish: '' };
        text.value = ''; level.value = 'info'; expires.value = ''; publish.value = '';
        sync();
        if (checked.data.publishAt) await loadScheduled();
      } catch (error) {
        status.textContent = '';
        alert.textContent = errorMessage(error);
        const control = controls[error.field];
        if (control) { control.setAttribute('aria-invalid', 'true'); control.focus(); }
      } finally { submit.disabled = false; }
    });
    sync();
    return node;
  }

  // ---------- scheduled and on screen ----------
  function renderScheduled() {
    if (!scheduledLoaded) { nodes.scheduled.replaceChildren(el('p', { className: 'note', textContent: t('console.ann.loading') })); return; }
    if (!scheduled.length) { nodes.scheduled.replaceChildren(el('p', { className: 'note', id: 'console-ann-none', textContent: t('console.ann.noneScheduled') })); return; }
    const items = [...scheduled].sort((a, b) => String(a.publishAt).localeCompare(String(b.publishAt))).map((a) => {
      const cancel = actionButton(t('console.ann.cancel'), async () => {
        try {
          await socket.request('announce.cancel', { id: a.id }, { retry: false });
          scheduled = scheduled.filter((s) => s.id !== a.id);
          nodes.listStatus.textContent = t('console.ann.cancelled');
          renderScheduled();
          nodes.scheduledTitle.focus();
        } catch (error) {
          nodes.listStatus.textContent = error.code === 'not_found' ? t('console.ann.gone') : errorMessage(error);
          if (error.code === 'not_found') await loadScheduled();
        }
      }, { className: 'console-cancel' });
      cancel.setAttribute('aria-label', t('console.ann.cancelThis', { text: a.text.slice(0, 60) }));
      return el('li', { className: `announcement level-${LEVELS.includes(a.level) ? a.level : 'info'} console-scheduled`, dataset: { id: a.id } },
        el('p', { className: 'announcement-level', textContent: levelName(a.level) }),
        announcementText(a),
        el('p', { className: 'announcement-meta' }, `${t('console.ann.publishAt')} `, when(a.publishAt),
          a.expiresAt ? ` · ${t('console.ann.until')} ` : '', a.expiresAt ? when(a.expiresAt) : ''),
        el('div', { className: 'console-actions' }, cancel));
    });
    nodes.scheduled.replaceChildren(el('ul', { className: 'announcements', id: 'console-ann-scheduled' }, ...items));
  }

  function renderActive() {
    const now = Date.now();
    const list = [...active.values()].filter((a) => !a.expiresAt || Date.parse(a.expiresAt) > now).reverse();
    if (!list.length) { nodes.active.replaceChildren(el('p', { className: 'note', textContent: t('console.ann.noneActive') })); return; }
    nodes.active.replaceChildren(el('ul', { className: 'announcements', id: 'console-ann-active' }, ...list.map((a) => {
      const end = actionButton(t('console.ann.endNow'), async () => {
        try {
          await socket.request('announce.cancel', { id: a.id }, { retry: false });
          active.delete(a.id);
          nodes.listStatus.textContent = t('console.ann.ended');
          renderActive();
          nodes.activeTitle.focus();
        } catch (error) {
          nodes.listStatus.textContent = errorMessage(error);
        }
      }, { className: 'console-end' });
      end.setAttribute('aria-label', t('console.ann.endThis', { text: String(a.text).slice(0, 60) }));
      return el('li', { className: `announcement level-${LEVELS.includes(a.level) ? a.level : 'info'}`, dataset: { id: a.id } },
        el('p', { className: 'announcement-level', textContent: levelName(a.level) }),
        announcementText(a),
        el('p', { className: 'announcement-meta' }, when(a.at), a.expiresAt ? ` · ${t('console.ann.until')} ` : '', a.expiresAt ? when(a.expiresAt) : ''),
        el('div', { className: 'console-actions' }, end));
    })));
  }

  async function loadScheduled() {
    try {
      scheduled = (await socket.request('announce.scheduled', {}, { retry: false })).announcements ?? [];
      scheduledLoaded = true;
      renderScheduled();
    } catch (error) {
      nodes.scheduled.replaceChildren(el('p', { className: 'error', textContent: errorMessage(error) }));
    }
  }

  const onSnapshot = (snapshot) => {
    active = new Map((snapshot.announcements ?? []).filter((a) => a.id != null).map((a) => [a.id, a]));
    renderActive();
  };
  const onEvent = (event) => {
    if (event.type === 'announcement' && event.data?.id != null) {
      active.set(event.data.id, event.data);
      if (scheduled.some((s) => s.id === event.data.id)) { scheduled = scheduled.filter((s) => s.id !== event.data.id); renderScheduled(); }
      renderActive();
    } else if (event.type === 'announcement.expired' && event.data?.id != null) {
      active.delete(event.data.id);
      renderActive();
    }
  };

  function follow() {
    if (following) return;
    following = true;
    socket.subscribe('seminar', onEvent, onSnapshot).catch(() => { following = false; });
  }
  function unfollow() {
    if (!following) return;
    following = false;
    socket.unsubscribe('seminar', onEvent);
  }

  function build() {
    nodes.scheduled = el('div', { id: 'console-ann-scheduled-box' });
    nodes.active = el('div', { id: 'console-ann-active-box' });
    nodes.listStatus = statusLine('note', 'status', 'console-ann-list-status');
    nodes.scheduledTitle = el('h3', { tabIndex: -1, id: 'console-ann-scheduled-title', textContent: t('console.ann.scheduledTitle') });
    nodes.activeTitle = el('h3', { tabIndex: -1, id: 'console-ann-active-title', textContent: t('console.ann.activeTitle') });
    host.replaceChildren(
      el('h2', { id: 'admin-announce-title', textContent: t('console.ann.title') }),
      form(),
      nodes.listStatus,
      el('section', { className: 'card' }, nodes.scheduledTitle, nodes.scheduled),
      el('section', { className: 'card' }, nodes.activeTitle, nodes.active));
    host.setAttribute('aria-labelledby', 'admin-announce-title');
    renderScheduled();
    renderActive();
  }

  return {
    show() { build(); follow(); return loadScheduled(); },
    hide() { unfollow(); },
    unmount() { unfollow(); host.replaceChildren(); },
  };
}
