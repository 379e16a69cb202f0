// Pieces shared by the lounge pages and the meeting table: regions and languages, the interests list,
// slot times, person cards with their actions, and small form helpers.
import { getLocale, localized, t } from '../i18n.js';
import { el } from '../dom.js';
import { formatDateTime, formatSlot } from '../time.js';
import { avatarNode } from '../avatar.js';

export const REGIONS = ['africa', 'asia-pacific', 'eurasia', 'europe', 'latin-america', 'middle-east-west-asia', 'north-america', 'metropolis'];
/** Languages offered in the editor and the filters; a profile may hold others (shown by code). */
export const LANGUAGES = ['fr', 'en', 'es', 'pt', 'ar', 'zh', 'ru', 'de', 'it', 'tr', 'ja', 'ko', 'id', 'sw'];

/** A language's name in the viewer's language ("espagnol"), or its code. */
export function languageName(code) {
  try {
    return new Intl.DisplayNames([getLocale()], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

export const regionName = (key) => (REGIONS.includes(key) ? t(`lounge.region.${key}`) : key);

/** Lower case without accents, for matching typed text ("cooperation" finds "Coopération"). */
export const fold = (text) => String(text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

let interestsPromise = null;
let interestNames = new Map(); // key → LocalizedText

/** The organisers' interests list, read once per page load. */
export function loadInterests(socket) {
  interestsPromise ??= socket.request('interests.list').then((reply) => {
    const list = reply.interests ?? [];
    interestNames = new Map(list.map((i) => [i.key, i.name]));
    return list;
  }, (error) => { interestsPromise = null; throw error; });
  return interestsPromise;
}

export const interestName = (key) => localized(interestNames.get(key)) || key;

/** "Tue 24 Nov, 10:00–10:20 (Madrid 16:00–16:20)": the viewer's zone, the seminar's beside (time.js). */
export const slotText = (slot) => formatSlot(slot?.startsAt, slot?.endsAt);

/** "Tue 24 Nov, 10:00 (Madrid 16:00)". */
export const whenText = (iso) => formatDateTime(iso);

/** "in 1 h 05 min", "in 4 min", "now", or "" once it is over. */
export function countdownText(startIso, endIso, now = Date.now()) {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(start)) return '';
  if (now >= start) return now < end ? t('meetings.now') : '';
  const minutes = Math.ceil((start - now) / 60000);
  if (minutes >= 48 * 60) return t('meetings.inDays', { days: Math.round(minutes / 1440) });
  if (minutes >= 60) return t('meetings.inHours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  return t('meetings.inMinutes', { minutes });
}

export { uniqueId as nextId, labelledField as field } from '../dom.js';

/** A <select> with an "any" first option and `options` as [value, text]. */
export function select(options, { any, value = '' } = {}) {
  const node = el('select', {},
    ...(any ? [el('option', { value: '', textContent: any })] : []),
    ...options.map(([v, text]) => el('option', { value: v, textContent: text })));
  node.value = value;
  return node;
}

/** The facts of a profile as short lines (organisation, place, region, languages, interests…). */
export function profileFacts(person, { full = false } = {}) {
  const p = person.profile ?? {};
  const parts = [];
  const role = [p.title, p.organisation].filter(Boolean).join(', ');
  if (role) parts.push(el('p', { className: 'person-role', textContent: role }));
  const place = [p.city, p.country].filter(Boolean).join(', ');
  const where = [place, p.region ? regionName(p.region) : ''].filter(Boolean).join(' · ');
  if (where) parts.push(el('p', { className: 'person-place', textContent: where }));
  if (p.languages?.length) {
    parts.push(el('p', { className: 'person-languages', textContent: t('lounge.languagesLine', { list: p.languages.map(languageName).join(', ') }) }));
  }
  const tags = (label, keys, kind) => {
    if (!keys?.length) return;
    parts.push(el('div', { className: `tags tags-${kind}` }, el('span', { className: 'label', textContent: label }),
      el('ul', {}, ...keys.map((key) => el('li', { className: 'tag', textContent: interestName(key) })))));
  };
  tags(t('lounge.interests'), p.interests, 'interests');
  if (full) {
    tags(t('lounge.offers'), p.offers, 'offers');
    tags(t('lounge.seeks'), p.seeks, 'seeks');
    if (p.bio) parts.push(el('p', { className: 'person-bio', textContent: p.bio }));
    if (p.acceptsMeetings === false) parts.push(el('p', { className: 'note', textContent: t('lounge.noRequests') }));
  }
  return parts;
}

/** A person's card: photo and name (a link to their page), online dot, facts, optional reasons and actions. */
export function personCard(person, { reasons = [], actions = [], headingLevel = 'h3' } = {}) {
  const name = el(headingLevel, { className: 'person-name' }, avatarNode(person),
    el('a', { href: `#/lounge/people/${person.id}`, textContent: person.displayName }));
  const status = el('span', { className: `presence ${person.online ? 'online' : 'away'}`, textContent: person.online ? t('lounge.online') : t('lounge.away') });
  const card = el('li', { className: 'person-card', dataset: { userId: person.id } },
    el('div', { className: 'person-head' }, name, status),
    ...profileFacts(person));
  if (reasons.length) {
    card.append(el('div', { className: 'reasons' }, el('span', { className: 'label', textContent: t('lounge.why') }),
      el('ul', {}, ...reasons.map((r) => el('li', { textContent: r })))));
  }
  if (actions.length) card.append(el('div', { className: 'actions' }, ...actions));
  return card;
}
