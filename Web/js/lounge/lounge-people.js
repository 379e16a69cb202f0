// The lounge's people pages: who is here now (lounge presence), suggestions with their reasons, search with
// filters (region, interest, language, online only), and one person's page with Message, Request a meeting
// and Block.
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { actionButton, el, statusLine } from '../dom.js';
import { LANGUAGES, REGIONS, field, fold, interestName, languageName, loadInterests, personCard, profileFacts, regionName, select } from './lounge-common.js';
import { requestForm } from './lounge-meetings.js';
import { avatarNode } from '../avatar.js';

/** The actions under a person's card. */
function personActions(ctx, person, { onBlocked } = {}) {
  const message = el('a', { className: 'button', href: `#/lounge/messages/${person.id}`, textContent: t('lounge.message') });
  message.setAttribute('aria-label', t('lounge.messageWho', { name: person.displayName }));
  const actions = [message];
  if (person.profile?.acceptsMeetings !== false) {
    const request = el('a', { className: 'button primary', href: `#/lounge/people/${person.id}/request`, textContent: t('lounge.requestMeeting') });
    request.setAttribute('aria-label', t('lounge.requestMeetingWho', { name: person.displayName }));
    actions.push(request);
  }
  const block = blockControl(ctx, person, onBlocked);
  actions.push(block);
  return actions;
}

/** "Block" asks once more before it blocks; afterwards "Undo" lifts the block. */
function blockControl(ctx, person, onBlocked) {
  const box = el('span', { className: 'block-control' });
  const status = statusLine('note');
  const ask = () => box.replaceChildren(
    actionButton(t('lounge.blockConfirm', { name: person.displayName }), async () => {
      try {
        await ctx.socket.request('block.set', { userId: person.id, blocked: true });
        ctx.blocked.add(person.id);
        status.textContent = t('lounge.blocked', { name: person.displayName });
        box.replaceChildren(status, actionButton(t('lounge.unblock'), async () => {
          try {
            await ctx.socket.request('block.set', { userId: person.id, blocked: false });
            ctx.blocked.delete(person.id);
            status.textContent = t('lounge.unblocked', { name: person.displayName });
            box.replaceChildren(status);
          } catch (error) { status.textContent = errorMessage(error); }
        }));
        onBlocked?.(person);
      } catch (error) {
        status.textContent = errorMessage(error);
        box.append(status);
      }
    }, { className: 'danger' }),
    actionButton(t('lounge.cancel'), () => { reset(); box.querySelector('button')?.focus(); }));
  const reset = () => {
    const start = actionButton(t('lounge.block'), () => { ask(); box.querySelector('button')?.focus(); }, { className: 'subtle' });
    start.setAttribute('aria-label', t('lounge.blockWho', { name: person.displayName }));
    box.replaceChildren(start);
  };
  reset();
  return box;
}

/** The people page (`#/lounge`): here now, suggestions, search. Returns `{ destroy }`. */
export function peoplePage(ctx, container) {
  const filters = { q: '', region: '', interest: '', language: '', onlineOnly: false };
  const presentList = el('ul', { id: 'lounge-present', className: 'person-list' });
  const presentEmpty = el('p', { className: 'note' });
  const presentTitle = el('h2', { id: 'lounge-present-title' });
  const suggestionList = el('ul', { id: 'lounge-suggestions', className: 'person-list' });
  const suggestionNote = statusLine('note');
  const results = el('ul', { id: 'people-results', className: 'person-list' });
  const resultsNote = statusLine('note');
  resultsNote.setAttribute('aria-live', 'polite');

  const q = el('input', { type: 'search', name: 'q' });
  const region = select(REGIONS.map((r) => [r, regionName(r)]), { any: t('lounge.anyRegion') });
  const interest = select([], { any: t('lounge.anyInterest') });
  const language = select(LANGUAGES.map((l) => [l, languageName(l)]), { any: t('lounge.anyLanguage') });
  const online = el('input', { type: 'checkbox', id: 'people-online', name: 'onlineOnly' });
  q.id = 'people-q';
  region.id = 'people-region';
  interest.id = 'people-interest';
  language.id = 'people-language';
  const form = el('form', { id: 'people-search', className: 'card search-form', role: 'search' },
    field(t('lounge.searchLabel'), q, t('lounge.searchHint')),
    el('div', { className: 'filters' },
      field(t('lounge.region'), region), field(t('lounge.interest'), interest), field(t('lounge.language'), language)),
    el('div', { className: 'check' }, online, el('label', { htmlFor: online.id, textContent: t('lounge.onlineOnly') })),
    el('button', { type: 'submit', className: 'primary', textContent: t('lounge.search') }));

  const visible = (person) => !ctx.blocked.has(person.id) && person.id !== ctx.user.id;
  const matches = (person) => {
    const p = person.profile ?? {};
    if (filters.region && p.region !== filters.region) return false;
    if (filters.interest && !(p.interests ?? []).includes(filters.interest)) return false;
    if (filters.language && !(p.languages ?? []).includes(filters.language)) return false;
    const words = fold(filters.q).split(/\s+/).filter(Boolean);
    const text = fold([person.displayName, p.organisation, p.city].join(' '));
    return words.every((w) => text.includes(w));
  };
  const card = (person, options = {}) => personCard(person, {
    ...options, actions: personActions(ctx, person, { onBlocked: renderAll }),
  });

  function renderPresent() {
    const people = [...ctx.present.values()].filter(visible);
    const shown = people.filter(matches).sort((a, b) => a.displayName.localeCompare(b.displayName));
    presentTitle.textContent = t('lounge.hereNow', { count: people.length });
    presentList.replaceChildren(...shown.map((p) => card(p)));
    presentEmpty.textContent = people.length === 0 ? t('lounge.nobodyHere') : (shown.length === 0 ? t('lounge.nobodyMatches') : '');
  }

  let suggestions = [];
  function renderSuggestions() {
    const shown = suggestions.filter((s) => visible(s.person));
    suggestionList.replaceChildren(...shown.map((s) => card(s.person, { reasons: s.reasons ?? [] })));
    if (!shown.length && !suggestionNote.textContent) suggestionNote.textContent = t('lounge.noSuggestions');
  }

  let found = null;
  function renderResults() {
    if (!found) return;
    const shown = found.filter(visible);
    results.replaceChildren(...shown.map((p) => card(p)));
    resultsNote.textContent = t('lounge.found', { count: shown.length });
  }

  function renderAll() { renderPresent(); renderSuggestions(); renderResults(); }

  let searchTurn = 0;
  async function search() {
    const turn = ++searchTurn;
    const data = { limit: 50 };
    if (filters.q.trim()) data.q = filters.q.trim();
    for (const key of ['region', 'interest', 'language']) if (filters[key]) data[key] = filters[key];
    if (filters.onlineOnly) data.onlineOnly = true;
    resultsNote.textContent = t('lounge.searching');
    try {
      const reply = await ctx.socket.request('people.search', data);
      if (turn !== searchTurn) return;
      found = reply.people ?? [];
      renderResults();
    } catch (error) {
      if (turn === searchTurn) resultsNote.textContent = errorMessage(error);
    }
  }

  const readFilters = () => {
    Object.assign(filters, { q: q.value, region: region.value, interest: interest.value, language: language.value, onlineOnly: online.checked });
    renderPresent();
  };
  let typing = null;
  form.addEventListener('submit', (event) => { event.preventDefault(); clearTimeout(typing); readFilters(); search(); });
  form.addEventListener('change', () => { readFilters(); search(); });
  q.addEventListener('input', () => {
    readFilters();
    clearTimeout(typing);
    typing = setTimeout(search, 350);
  });

  container.replaceChildren(
    el('section', { className: 'lounge-block' }, presentTitle, presentEmpty, presentList),
    el('section', { className: 'lounge-block' }, el('h2', { textContent: t('lounge.suggestions') }),
      el('p', { className: 'hint', textContent: t('lounge.suggestionsHint') }), suggestionNote, suggestionList),
    el('section', { className: 'lounge-block' }, el('h2', { textContent: t('lounge.findPeople') }), form, resultsNote, results));

  loadInterests(ctx.socket).then((list) => {
    interest.append(...list.map((i) => el('option', { value: i.key, textContent: interestName(i.key) })));
    renderAll(); // interest names on the cards
  }, () => {});
  ctx.socket.request('match.suggestions', { limit: 10 }).then((reply) => {
    suggestions = reply.suggestions ?? [];
    suggestionNote.textContent = suggestions.length ? '' : t('lounge.noSuggestions');
    renderSuggestions();
  }, (error) => { suggestionNote.textContent = errorMessage(error); });
  renderPresent();
  search();
  const offPresence = ctx.onPresence(renderPresent);
  return { destroy() { offPresence(); clearTimeout(typing); } };
}

/** One person's page (`#/lounge/people/<id>`, `…/<id>/request` opens the request form). */
export function personPage(ctx, container, userId, { request = false } = {}) {
  const status = statusLine('note');
  container.replaceChildren(status);
  status.textContent = t('lounge.loading');
  let form = null;
  let destroyed = false;
  Promise.all([ctx.socket.request('profile.get', { userId }), loadInterests(ctx.socket).catch(() => [])]).then(([person]) => {
    if (destroyed) return;
    status.textContent = '';
    const heading = el('h2', { id: 'person-title', className: 'person-name', tabIndex: -1 }, avatarNode(person, { size: 96 }), person.displayName);
    const presence = el('p', { className: `presence ${person.online ? 'online' : 'away'}`, textContent: person.online ? t('lounge.online') : t('lounge.away') });
    const isMe = person.id === ctx.user.id;
    const card = el('article', { className: 'card person-page' }, heading, presence, ...profileFacts(person, { full: true }));
    if (isMe) card.append(el('a', { className: 'button', href: '#/lounge/profile', textContent: t('lounge.editProfile') }));
    else card.append(el('div', { className: 'actions' }, ...personActions(ctx, person, { onBlocked: () => { form?.destroy(); form = null; } })));
    card.setAttribute('aria-labelledby', 'person-title');
    container.replaceChildren(card);
    if (request && !isMe) {
      const host = el('div');
      container.append(host);
      form = requestForm(ctx, host, person);
    } else heading.focus();
  }, (error) => {
    if (!destroyed) status.textContent = error.code === 'not_found' ? t('lounge.personNotFound') : errorMessage(error);
  });
  return { destroy() { destroyed = true; form?.destroy(); } };
}
