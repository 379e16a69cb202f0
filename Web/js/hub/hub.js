// The knowledge hub. Routes: `#/hub` (the feed, newest first, with filters in the query: `?kind=&tag=&lang=
// &session=`, "more" pages and live new posts), `#/hub/search?q=` (ranked results with highlighted
// snippets), `#/hub/post/<id>` (a post with its attachments, reactions and comments, live) and `#/hub/new`
// (the composer). Everything follows the `feed` topic while the hub is shown.
import { t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { announce, el, statusLine } from '../dom.js';
import { languageMarker } from '../program-text.js';
import { KINDS, LANGS, kindLabel, langName, postHash, renderPostCard, renderPostPage } from './hub-post.js';
import { renderComposer } from './hub-composer.js';
import { feedState, filtersFrom, hashFor, queryOf, searchState } from './hub-feed.js';

/** A link to a post ("Report: title"), e.g. for a session's page. */
export function renderPostLink(post) {
  const a = el('a', { href: postHash(post.id), className: 'post-link' },
    el('span', { className: `post-kind kind-${post.kind}`, textContent: kindLabel(post.kind) }), ' ',
    el('span', { className: 'post-link-title', textContent: String(post.title ?? '') }));
  if (post.lang) a.lastChild.lang = post.lang;
  a.append(' ', languageMarker(post.lang));
  return a;
}

export function mount({ section, socket, user, go }) {
  let me = user;
  let route = null;           // 'feed' | 'search' | 'post' | 'new'
  let visit = 0;
  let following = false;
  let snapshots = 0;
  const feed = feedState();    // hub-feed.js: what the feed holds; search: the search shown
  let search = searchState();
  let page = null;            // the post page's live handle
  let composer = null;
  let composerKey = '';

  const backLink = el('a', { href: '#/hub' });
  const back = el('p', { className: 'hub-back', hidden: true }, backLink);
  const heading = el('h1', { id: 'area-hub-title', tabIndex: -1 });
  const body = el('div', { className: 'hub-page' });
  const live = el('p', { className: 'visually-hidden', id: 'hub-live' });
  live.setAttribute('aria-live', 'polite');
  section.replaceChildren(back, heading, live, body);
  section.setAttribute('aria-labelledby', 'area-hub-title');
  section.classList.add('hub-area');

  const say = (text) => announce(live, text);

  // ---- search form (feed and search pages)
  function searchForm(values) {
    const q = el('input', { id: 'hub-q', type: 'search', name: 'q', maxLength: 200, value: values.q ?? '' });
    q.placeholder = t('hub.search.placeholder');
    const submit = el('button', { type: 'submit', className: 'primary', id: 'hub-search-submit', textContent: t('hub.search.submit') });
    const form = el('form', { className: 'hub-search', id: 'hub-search' },
      el('label', { htmlFor: 'hub-q', className: 'hub-search-label', textContent: t('hub.search.label') }),
      el('div', { className: 'hub-search-row' }, q, submit));
    form.setAttribute('role', 'search');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = q.value.trim();
      if (!text) { q.focus(); return; }
      go(hashFor('#/hub/search', { q: text, kind: values.kind, lang: values.lang }));
    });
    return form;
  }

  function filterBar(values, onChange) {
    const kind = el('select', { id: 'hub-kind', name: 'kind' }, el('option', { value: '', textContent: t('hub.filter.allKinds') }),
      ...KINDS.map((k) => el('option', { value: k, textContent: kindLabel(k) })));
    kind.value = values.kind;
    const lang = el('select', { id: 'hub-lang', name: 'lang' }, el('option', { value: '', textContent: t('hub.filter.allLangs') }),
      ...LANGS.map((l) => el('option', { value: l, textContent: langName(l) })));
    lang.value = values.lang;
    const parts = [
      el('div', { className: 'field' }, el('label', { htmlFor: 'hub-kind', textContent: t('hub.filter.kind') }), kind),
      el('div', { className: 'field' }, el('label', { htmlFor: 'hub-lang', textContent: t('hub.filter.lang') }), lang)];
    if ('tag' in values) {
      const tag = el('input', { id: 'hub-tag', name: 'tag', maxLength: 40, value: values.tag, autocomplete: 'off' });
      tag.placeholder = t('hub.filter.tagPlaceholder');
      tag.addEventListener('change', () => onChange({ tag: tag.value.trim().replace(/^#+/, '').toLowerCase() }));
      parts.push(el('div', { className: 'field' }, el('label', { htmlFor: 'hub-tag', textContent: t('hub.filter.tag') }), tag));
    }
    kind.addEventListener('change', () => onChange({ kind: kind.value }));
    lang.addEventListener('change', () => onChange({ lang: lang.value }));
    const bar = el('div', { className: 'hub-filters', id: 'hub-filters' }, ...parts);
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', t('hub.filter.label'));
    return bar;
  }

  // ---- feed
  const feedList = el('ol', { className: 'post-list', id: 'hub-feed' });
  const feedStatus = el('p', { className: 'note', id: 'hub-feed-status' });
  const moreButton = el('button', { type: 'button', id: 'hub-more' });
  moreButton.addEventListener('click', () => loadFeed({ more: true }));

  function setFilters(change) {
    feed.refine(change);
    const f = feed.filters;
    // The query keeps the filters for reloads and links, without a hashchange (which would move the focus).
    history.replaceState(null, '', hashFor('#/hub', { kind: f.kind, tag: f.tag, lang: f.lang, session: f.sessionId }));
    renderFeed();
    loadFeed();
  }

  const onTag = (tag) => { if (route === 'feed') setFilters({ tag }); else go(hashFor('#/hub', { tag })); };

  function renderFeedList() {
    feedList.replaceChildren(...feed.posts.map((post) => renderPostCard(post, { onTag })));
    if (feed.error) feedStatus.textContent = errorMessage(feed.error);
    else if (!feed.loaded) feedStatus.textContent = t('app.loading');
    else if (!feed.posts.length) feedStatus.textContent = t('hub.feed.empty');
    else feedStatus.textContent = '';
    feedStatus.classList.toggle('error', Boolean(feed.error));
    moreButton.hidden = !feed.more;
    moreButton.disabled = feed.loading;
    moreButton.textContent = feed.loading ? t('app.loading') : t('hub.feed.more');
  }

  function renderFeed() {
    heading.textContent = t('area.hub');
    heading.removeAttribute('lang');
    const f = feed.filters;
    const newPost = el('a', { href: '#/hub/new', className: 'button-link primary', id: 'hub-new', textContent: t('hub.new') });
    const active = [];
    if (f.tag) {
      const clear = el('button', { type: 'button', className: 'chip-clear', textContent: '×' });
      clear.setAttribute('aria-label', t('hub.filter.clearTag', { tag: f.tag }));
      clear.addEventListener('click', () => setFilters({ tag: '' }));
      active.push(el('span', { className: 'chip' }, `#${f.tag}`, clear));
    }
    if (f.sessionId != null) {
      const clear = el('button', { type: 'button', className: 'chip-clear', textContent: '×' });
      clear.setAttribute('aria-label', t('hub.filter.clearSession'));
      clear.addEventListener('click', () => setFilters({ sessionId: null }));
      active.push(el('span', { className: 'chip' }, t('hub.filter.session'), clear));
    }
    body.replaceChildren(
      el('p', { className: 'tagline', textContent: t('hub.intro') }),
      el('div', { className: 'hub-toolbar' }, searchForm({ q: '', kind: f.kind, lang: f.lang }), newPost),
      filterBar(f, setFilters),
      ...(active.length ? [el('p', { className: 'hub-active-filters' }, ...active)] : []),
      feedStatus, feedList, moreButton);
    renderFeedList();
  }

  async function loadFeed({ more = false } = {}) {
    const mine = ++visit;
    const data = feed.request(more);
    if (route === 'feed') renderFeedList();
    try {
      const reply = await socket.request('feed.list', data, { retry: false });
      if (mine !== visit) return;
      const focusMore = more && document.activeElement === moreButton;
      const incoming = feed.received(reply, more);
      if (route === 'feed') {
        renderFeedList();
        if (focusMore) {
          // Keep the keyboard where the new posts begin.
          const first = incoming[0] && feedList.querySelector(`li[data-id="${CSS.escape(String(incoming[0].id))}"] .post-title a`);
          (first || moreButton).focus();
        }
      }
    } catch (error) {
      if (mine !== visit) return;
      feed.failed(error);
      if (route === 'feed') renderFeedList();
    }
  }

  // ---- search
  function renderSearch() {
    heading.textContent = t('hub.search.title');
    heading.removeAttribute('lang');
    const results = el('ol', { className: 'post-list', id: 'hub-results' });
    const status = statusLine('note', 'status', 'hub-search-status');
    if (search.error) status.textContent = errorMessage(search.error);
    else if (!search.q) status.textContent = t('hub.search.prompt');
    else if (search.results == null) status.textContent = t('hub.search.searching');
    else if (!search.results.length) status.textContent = t('hub.search.none', { q: search.q });
    else status.textContent = t('hub.search.count', { count: search.results.length, q: search.q });
    for (const r of search.results ?? []) {
      if (r?.post) results.append(renderPostCard(r.post, { snippet: Array.isArray(r.snippet) && r.snippet.length ? r.snippet : null, onTag }));
    }
    body.replaceChildren(
      searchForm(search),
      filterBar({ kind: search.kind, lang: search.lang }, (change) => {
        go(hashFor('#/hub/search', { q: search.q, kind: search.kind, lang: search.lang, ...change }));
      }),
      status, results);
  }

  async function runSearch() {
    const mine = ++visit;
    if (!search.q) { renderSearch(); return; }
    try {
      const reply = await socket.request('feed.search', search.request(), { retry: false });
      if (mine !== visit) return;
      search.received(reply);
    } catch (error) {
      if (mine !== visit) return;
      search.failed(error);
    }
    if (route === 'search') renderSearch();
  }

  // ---- post page
  async function showPost(id) {
    const mine = ++visit;
    heading.textContent = t('hub.post.loading');
    body.replaceChildren(el('p', { className: 'note', textContent: t('app.loading') }));
    page = null;
    try {
      const reply = await socket.request('feed.get', { postId: Number(id) }, { retry: false });
      if (mine !== visit) return;
      page = renderPostPage({ host: body, heading, post: reply.post, socket, me: () => me, onTag,
        onDeleted: () => { go('#/hub'); say(t('hub.post.deleted')); } });
    } catch (error) {
      if (mine !== visit) return;
      heading.textContent = t('hub.post.missing');
      body.replaceChildren(el('p', { className: 'error', textContent: error.code === 'not_found' ? t('hub.post.notFound') : errorMessage(error) }));
    }
  }

  // ---- live
  function onEvent(event) {
    const data = event.data ?? {};
    if (event.type === 'post.created' && data.post) {
      if (feed.created(data.post) && route === 'feed') {
        renderFeedList();
        say(t('hub.feed.newPost', { title: data.post.title ?? '' }));
      }
    } else if (event.type === 'post.updated' || event.type === 'post.deleted') {
      const id = data.post?.id ?? data.postId;
      if (event.type === 'post.deleted') feed.deleted(id); else feed.updated(id, data.post);
      if (route === 'feed') renderFeedList();
      if (route === 'post') page?.onEvent(event);
    } else if (event.type === 'post.commented' || event.type === 'post.reacted') {
      const post = feed.counted(event.type, data);
      if (post && route === 'feed') {
        const item = feedList.querySelector(`li[data-id="${CSS.escape(String(post.id))}"]`);
        item?.replaceWith(renderPostCard(post, { onTag }));
      }
      if (route === 'post') page?.onEvent(event);
    }
  }

  function onSnapshot(snapshot, { resumed }) {
    snapshots += 1;
    if (snapshots === 1 || resumed) return; // the first one: show() loads; a resume replays what we missed
    if (route === 'feed') loadFeed();
    else if (route === 'post' && page) showPost(page.id);
  }

  function follow() {
    if (following) return;
    following = true;
    snapshots = 0;
    socket.subscribe('feed', onEvent, onSnapshot).catch((error) => { following = false; console.warn('feed topic', error.code); });
  }

  return {
    async show(path = []) {
      follow();
      let [first, second] = path;
      if (/^\d+$/.test(first ?? '')) [first, second] = ['post', first]; // #/hub/<postId> too
      const params = queryOf();
      const next = first === 'post' && second ? 'post' : first === 'new' ? 'new' : first === 'search' ? 'search' : 'feed';
      const key = location.hash;
      if (next === 'new' && route === 'new' && composer?.dirty() && composerKey === key) return; // a language switch: keep the draft
      if (route === 'new' && next !== 'new') { composer?.abort(); composer = null; }
      route = next;
      page = null;
      back.hidden = next === 'feed';
      backLink.textContent = t('hub.back');
      if (next === 'feed') {
        feed.setFilters(filtersFrom(params));
        renderFeed();
        await loadFeed();
      } else if (next === 'search') {
        const q = (params.get('q') || '').trim().slice(0, 200);
        const f = filtersFrom(params);
        search = searchState(q, f);
        renderSearch();
        await runSearch();
      } else if (next === 'post') {
        await showPost(second);
      } else {
        ++visit;
        heading.textContent = t('hub.composer.heading');
        heading.removeAttribute('lang');
        const host = el('div', {});
        body.replaceChildren(el('p', { className: 'tagline', textContent: t('hub.composer.intro') }), host);
        const session = Number(params.get('session'));
        composer = renderComposer({ host, socket, me: () => me, go, sessionId: Number.isInteger(session) && session > 0 ? session : null });
        composerKey = key;
      }
    },
    hide() {
      if (following) socket.unsubscribe('feed', onEvent);
      following = false;
    },
    unmount() {
      if (following) socket.unsubscribe('feed', onEvent);
      following = false;
      composer?.abort();
      section.replaceChildren();
    },
    setUser(next) { me = next; },
  };
}
