// The person's own profile editor (`#/lounge/profile`): profile.get, then profile.update with the organisers'
// interests list for interests / offers / seeks, a region, spoken languages and whether they take meeting requests;
// above it, their photo (profile-photo.js); below it, the mails they receive (profile-mail.js).
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { el, statusLine } from '../dom.js';
import { mailCard } from './profile-mail.js';
import { photoCard } from './profile-photo.js';
import { LANGUAGES, REGIONS, field, interestName, languageName, loadInterests, nextId, regionName, select } from './lounge-common.js';

const TEXT_FIELDS = [
  ['displayName', 'lounge.profile.displayName', 120],
  ['title', 'lounge.profile.title', 120],
  ['organisation', 'lounge.profile.organisation', 120],
  ['city', 'lounge.profile.city', 120],
  ['country', 'lounge.profile.country', 120],
];
const TAG_FIELDS = [['interests', 'lounge.interests'], ['offers', 'lounge.offers'], ['seeks', 'lounge.seeks']];

function checkboxGroup(legend, name, options, checked, hint) {
  const inputs = options.map(([value, text]) => {
    const input = el('input', { type: 'checkbox', name, value, id: nextId(name), checked: checked.includes(value) });
    return el('li', { className: 'check' }, input, el('label', { htmlFor: input.id, textContent: text }));
  });
  const box = el('fieldset', { className: `checks checks-${name}` }, el('legend', { textContent: legend }));
  if (hint) box.append(el('p', { className: 'hint', textContent: hint }));
  box.append(el('ul', {}, ...inputs));
  return box;
}

const chosen = (form, name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);

/** The editor. Returns `{ destroy }`. */
export function profilePage(ctx, container) {
  const status = statusLine('note');
  const alert = statusLine('error', 'alert');
  let destroyed = false;
  container.replaceChildren(status);
  status.textContent = t('lounge.loading');

  Promise.all([ctx.socket.request('profile.get'), loadInterests(ctx.socket), ctx.socket.request('mail.prefs.get')]).then(([me, interests, mail]) => {
    if (destroyed) return;
    status.textContent = '';
    const p = me.profile ?? {};
    const form = el('form', { id: 'profile-form', className: 'card', noValidate: true },
      el('h2', { id: 'profile-heading', tabIndex: -1, textContent: t('lounge.profile.heading') }),
      el('p', { className: 'hint', textContent: t('lounge.profile.hint') }));
    form.setAttribute('aria-labelledby', 'profile-heading'); // not profile-title: that is the title field's id
    const inputs = {};
    for (const [name, key, max] of TEXT_FIELDS) {
      inputs[name] = el('input', { type: 'text', name, id: `profile-${name}`, maxLength: max, value: name === 'displayName' ? me.displayName : (p[name] ?? '') });
      form.append(field(t(key), inputs[name]));
    }
    inputs.region = select(REGIONS.map((r) => [r, regionName(r)]), { any: t('lounge.profile.noRegion'), value: p.region ?? '' });
    inputs.region.id = 'profile-region';
    inputs.bio = el('textarea', { id: 'profile-bio', name: 'bio', rows: 4, maxLength: 2000, value: p.bio ?? '' });
    form.append(field(t('lounge.region'), inputs.region), field(t('lounge.profile.bio'), inputs.bio, t('lounge.profile.bioHint')));
    const languages = [...new Set([...LANGUAGES, ...(p.languages ?? [])])];
    form.append(checkboxGroup(t('lounge.languages'), 'languages', languages.map((l) => [l, languageName(l)]), p.languages ?? []));
    const options = interests.map((i) => [i.key, interestName(i.key)]);
    for (const [name, key] of TAG_FIELDS) form.append(checkboxGroup(t(key), name, options, p[name] ?? [], t(`${key}Hint`)));
    const accepts = el('input', { type: 'checkbox', id: 'profile-accepts', name: 'acceptsMeetings', checked: p.acceptsMeetings !== false });
    form.append(el('div', { className: 'check' }, accepts, el('label', { htmlFor: accepts.id, textContent: t('lounge.profile.accepts') })));
    const save = el('button', { type: 'submit', className: 'primary', id: 'profile-save', textContent: t('lounge.profile.save') });
    const saved = statusLine('note');
    form.append(alert, saved, save);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (save.disabled) return;
      const data = {};
      for (const [name] of TEXT_FIELDS) data[name] = inputs[name].value.trim();
      data.region = inputs.region.value;
      data.bio = inputs.bio.value.trim();
      for (const name of ['languages', 'interests', 'offers', 'seeks']) data[name] = chosen(form, name);
      data.acceptsMeetings = accepts.checked;
      for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
      alert.textContent = '';
      saved.textContent = t('meetings.saving');
      save.disabled = true;
      try {
        const person = await ctx.socket.request('profile.update', data);
        saved.textContent = t('lounge.profile.saved');
        ctx.onProfileSaved?.(person);
      } catch (error) {
        saved.textContent = '';
        alert.textContent = errorMessage(error);
        const bad = error.field && (inputs[error.field.split(/[.[]/)[0]] ?? form.querySelector(`[name="${error.field.split(/[.[]/)[0]}"]`));
        if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
      } finally { save.disabled = false; }
    });
    container.replaceChildren(photoCard(me, (person) => ctx.onProfileSaved?.(person)), form, mailCard(ctx.socket, mail));
  }, (error) => { if (!destroyed) status.textContent = errorMessage(error); });
  return { destroy() { destroyed = true; } };
}
