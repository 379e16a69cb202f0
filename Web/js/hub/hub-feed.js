// The hub's feed as the reader has it: its filters (kept in the address's query), the posts loaded (newest first),
// whether older ones remain, and how the last load went; and a search's question and results. State only: each
// change is a function here, hub.js draws.
import { KINDS, LANGS } from './hub-post.js';

const PAGE = 20;

export function queryOf(hash = location.hash) {
  const index = hash.indexOf('?');
  return new URLSearchParams(index >= 0 ? hash.slice(index + 1) : '');
}

export function filtersFrom(params) {
  const kind = params.get('kind');
  const lang = params.get('lang');
  const session = Number(params.get('session'));
  return {
    kind: KINDS.includes(kind) ? kind : '',
    lang: LANGS.includes(lang) ? lang : '',
    tag: (params.get('tag') || '').trim().slice(0, 40),
    sessionId: Number.isInteger(session) && session > 0 ? session : null,
  };
}

export function hashFor(base, values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== '' && value != null) params.set(key, String(value));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

const matches = (post, f) => (!f.kind || post.kind === f.kind) && (!f.lang || post.lang === f.lang)
  && (!f.tag || (post.tags ?? []).includes(f.tag.toLowerCase())) && (f.sessionId == null || post.sessionId === f.sessionId);

export function feedState() {
  return {
    filters: filtersFrom(new URLSearchParams()),
    posts: [],
    more: false,
    loading: false,
    error: null,
    loaded: false,

    /** The filters of the address: the posts go when they differ. */
    setFilters(filters) {
      if (JSON.stringify(filters) !== JSON.stringify(this.filters)) { this.posts = []; this.loaded = false; this.more = false; }
      this.filters = filters;
      this.error = null;
    },
    /** feed.list's data for the first page, or the next one (`more`); the feed is loading from now. */
    request(more) {
      const f = this.filters;
      const data = { limit: PAGE };
      if (f.kind) data.kind = f.kind;
      if (f.tag) data.tag = f.tag;
      if (f.lang) data.lang = f.lang;
      if (f.sessionId != null) data.sessionId = f.sessionId;
      if (more && this.posts.length) data.before = this.posts.at(-1).id;
      this.loading = true;
      return data;
    },
    /** feed.list's reply; returns the posts it brought. */
    received(reply, more) {
      const incoming = Array.isArray(reply.posts) ? reply.posts : [];
      this.posts = more ? [...this.posts, ...incoming.filter((p) => !this.posts.some((q) => q.id === p.id))] : incoming;
      this.more = Boolean(reply.more);
      this.error = null;
      this.loaded = true;
      this.loading = false;
      return incoming;
    },
    failed(error) {
      this.error = error;
      this.loading = false;
    },
    /** post.created: true when the post belongs in this feed (and is now at its top). */
    created(post) {
      if (!this.loaded || !matches(post, this.filters) || this.posts.some((p) => p.id === post.id)) return false;
      this.posts = [post, ...this.posts];
      return true;
    },
    /** The reader's own change of a filter (the posts stay until the next load). */
    refine(change) { this.filters = { ...this.filters, ...change }; },
    updated(id, post) { this.posts = this.posts.map((p) => (p.id === id ? post : p)); },
    deleted(id) { this.posts = this.posts.filter((p) => p.id !== id); },
    /** post.commented / post.reacted: the post's new counts; returns the post if the feed has it. */
    counted(type, data) {
      const post = this.posts.find((p) => p.id === data.postId);
      if (post && type === 'post.commented' && typeof data.comments === 'number') post.comments = data.comments;
      if (post && type === 'post.reacted' && data.reactions) post.reactions = data.reactions;
      return post;
    },
  };
}

/** A search: the question from the address, then its results or its error. */
export function searchState(q = '', { kind = '', lang = '' } = {}) {
  return {
    q, kind, lang, results: null, error: null,
    /** feed.search's data. */
    request() {
      const data = { q: this.q, limit: 50 };
      if (this.kind) data.kind = this.kind;
      if (this.lang) data.lang = this.lang;
      return data;
    },
    received(reply) { this.results = Array.isArray(reply.results) ? reply.results : []; this.error = null; },
    failed(error) { this.error = error; },
  };
}
