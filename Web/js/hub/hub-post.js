// Knowledge hub pieces: a post's card (feed and search results), its attachments, and the post page with
// its body (blocks → DOM), reactions and comments.
import { getLocale, t } from '../i18n.js';
import { errorMessage } from '../errors.js';
import { attrs, el, statusLine } from '../dom.js';
import { badgeNode } from '../badge.js';
import { languageMarker } from '../program-text.js';
import { dateTimeElement } from '../time.js';
import { renderBlocks, safeLink } from './markdown-dom.js';

export const KINDS = ['learning', 'policy', 'report', 'news', 'resource'];
export const REACTIONS = [['👍', 'like'], ['❤️', 'love'], ['💡', 'idea'], ['👏', 'applause']];
export const LANGS = ['fr', 'en', 'es'];
const LANG_NAMES = { fr: 'Français', en: 'English', es: 'Español' };

export const langName = (lang) => LANG_NAMES[lang] ?? String(lang ?? '');
export const kindLabel = (kind) => (KINDS.includes(kind) ? t(`hub.kind.${kind}`) : String(kind ?? ''));
export const postHash = (id) => `#/hub/post/${encodeURIComponent(id)}`;

/** A hub error in words: `hub.error.<code>.<field>` (field without its index), `hub.error.<code>`, else the general sentence. */
export function hubErrorText(error) {
  const code = error?.code || 'internal';
  const field = String(error?.field ?? '').split(/[.[]/)[0];
  for (const key of [field ? `hub.error.${code}.${field}` : null, `hub.error.${code}`]) {
    if (key && t(key) !== key) return t(key);
  }
  return errorMessage(error);
}

/** "1.2 MB" in the reader's language. */
export function formatSize(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return '';
  const [value, unit] = n >= 1048576 ? [n / 1048576, 'megabyte'] : n >= 1024 ? [n / 1024, 'kilobyte'] : [n, 'byte'];
  try {
    return new Intl.NumberFormat(getLocale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${Math.round(value * 10) / 10} ${unit === 'byte' ? 'B' : unit === 'kilobyte' ? 'kB' : 'MB'}`;
  }
}

function fileUrl(file) {
  return safeLink(file?.url) ?? (file?.id != null ? `/files/${encodeURIComponent(file.id)}` : null);
}

/** "PDF" or the name's extension, for the link text. */
function typeLabel(file) {
  const type = String(file?.type ?? '');
  if (type === 'application/pdf') return 'PDF';
  const ext = /\.([\w]{1,8})$/.exec(String(file?.name ?? ''));
  return ext ? ext[1].toUpperCase() : type;
}

/** One attachment: images inline, audio and video with controls, documents as a download link (name and size). */
export function renderAttachment(file) {
  const url = fileUrl(file);
  if (!url) return null;
  const name = String(file.name ?? '');
  const type = String(file.type ?? '');
  const link = el('a', { href: url, className: 'attachment-link', textContent: name || url });
  const details = el('span', { className: 'attachment-size', textContent: ` (${[typeLabel(file), formatSize(file.size)].filter(Boolean).join(', ')})` });
  const caption = el('p', { className: 'attachment-caption' }, link, details);
  if (type.startsWith('image/')) {
    return el('li', { className: 'attachment attachment-image' }, el('figure', {},
      // The rendition that fits a screen; the caption's link opens the original.
      el('img', { src: safeLink(file.smallUrl) ?? url, alt: name, loading: 'lazy', decoding: 'async' }), el('figcaption', {}, caption)));
  }
  if (type.startsWith('audio/') || type.startsWith('video/')) {
    const media = el(type.startsWith('audio/') ? 'audio' : 'video', { src: url, controls: true, preload: 'metadata' });
    media.setAttribute('aria-label', name);
    return el('li', { className: `attachment attachment-${type.split('/')[0]}` }, el('figure', {}, media, el('figcaption', {}, caption)));
  }
  link.setAttribute('download', name);
  if (type === 'application/pdf') link.removeAttribute('download'); // shown inline by the browser
  return el('li', { className: 'attachment attachment-document' }, caption);
}

function reactionSummary(reactions) {
  return REACTIONS.filter(([emoji]) => reactions?.[emoji] > 0).map(([emoji]) => `${emoji} ${reactions[emoji]}`).join('  ');
}

/** A post's card in the feed or in search results (`snippet`: runs {text, hit} shown with <mark>). */
export function renderPostCard(post, { snippet = null, onTag = null } = {}) {
  const title = el('h2', { className: 'post-title' }, el('a', { href: postHash(post.id), textContent: String(post.title ?? '') }));
  const meta = el('p', { className: 'post-meta' },
    el('span', { className: 'post-author', textContent: String(post.author?.displayName ?? '') }), badgeNode(post.author),
    post.organisation ? ` · ${post.organisation}` : '', ' · ', dateTimeElement(post.createdAt), ' · ',
    Object.assign(el('span', { className: 'post-lang', textContent: langName(post.lang) }), { lang: post.lang || '' }));
  const body = snippet
    ? el('p', { className: 'post-snippet' }, ...snippet.map((run) => (run?.hit ? el('mark', { textContent: String(run.text ?? '') }) : String(run?.text ?? ''))))
    : el('p', { className: 'post-excerpt', textContent: String(post.excerpt ?? '') });
  if (post.lang) body.lang = post.lang;
  const article = el('article', { className: 'post-card', dataset: { id: String(post.id) } },
    el('p', { className: `post-kind kind-${post.kind}`, textContent: kindLabel(post.kind) }), title, meta, body);
  if (post.lang) title.lang = post.lang;
  title.append(' ', languageMarker(post.lang));
  if (Array.isArray(post.tags) && post.tags.length) article.append(renderTags(post.tags, onTag));
  const counts = el('p', { className: 'post-counts' });
  counts.append(el('span', { className: 'post-comments-count', textContent: t('hub.comments.count', { count: post.comments ?? 0 }) }));
  const reactions = reactionSummary(post.reactions);
  if (reactions) counts.append(' · ', el('span', { className: 'post-reactions-count', textContent: reactions }));
  const files = Array.isArray(post.attachments) ? post.attachments.length : 0;
  if (files) counts.append(' · ', el('span', { className: 'post-files-count', textContent: t('hub.attachments.count', { count: files }) }));
  article.append(counts);
  return el('li', { dataset: { id: String(post.id) } }, article);
}

/** Tags as links that filter the feed (`onTag(tag)` instead when given). */
export function renderTags(tags, onTag) {
  const list = el('ul', { className: 'post-tags' });
  list.setAttribute('aria-label', t('hub.tags'));
  for (const tag of tags) {
    const a = el('a', { href: `#/hub?tag=${encodeURIComponent(tag)}`, className: 'tag', textContent: `#${tag}` });
    if (onTag) a.addEventListener('click', (event) => { event.preventDefault(); onTag(tag); });
    list.append(el('li', {}, a));
  }
  return list;
}

/**
 * The post page in `host`. `heading` is the area's h1 (it becomes the title). Returns `{ onEvent, render }`
 * for live comments and reactions.
 */
export function renderPostPage({ host, heading, post: initial, socket, me, onTag, onDeleted }) {
  let post = { ...initial, comments: Array.isArray(initial.comments) ? initial.comments : [] };
  let yours = new Set(Array.isArray(initial.yourReactions) ? initial.yourReactions : []);
  let commentError = null;
  let busy = false;

  const kind = el('p', { className: `post-kind kind-${post.kind}` });
  const meta = el('p', { className: 'post-meta' });
  const tools = el('div', { className: 'post-tools', id: 'post-tools' }); // the author's edit and delete (a lazy module)
  const saved = attrs(el('p', { className: 'note' }), { role: 'status' });
  const session = el('p', { className: 'post-session' });
  const tags = el('div', {});
  const body = el('div', { className: 'post-body', id: 'post-body' });
  const filesTitle = el('h2', { id: 'post-files-title' });
  const files = el('ul', { className: 'attachments', id: 'post-attachments' });
  files.setAttribute('aria-labelledby', 'post-files-title');
  const filesBox = el('section', { className: 'post-files' }, filesTitle, files);
  const reactBox = el('div', { className: 'reactions', id: 'post-reactions' });
  reactBox.setAttribute('role', 'group');
  const commentsTitle = el('h2', { id: 'post-comments-title' });
  const comments = el('ol', { className: 'comments', id: 'post-comments' });
  comments.setAttribute('aria-labelledby', 'post-comments-title');
  const commentsLive = el('p', { className: 'visually-hidden' });
  commentsLive.setAttribute('aria-live', 'polite');
  const label = el('label', { htmlFor: 'comment-text' });
  const text = el('textarea', { id: 'comment-text', rows: 3, maxLength: 2000 });
  const error = statusLine('error', 'alert', 'comment-error');
  const submit = el('button', { type: 'submit', className: 'primary', id: 'comment-submit' });
  const form = el('form', { id: 'comment-form', className: 'comment-form', noValidate: true }, el('div', { className: 'field' }, label, text), error, submit);
  const article = el('article', { className: 'post-full', dataset: { id: String(post.id) } },
    kind, meta, tools, saved, session, tags, body, filesBox, reactBox,
    el('section', { className: 'post-comments' }, commentsTitle, comments, commentsLive, form));
  host.replaceChildren(article);

  function commentNode(c) {
    return el('li', { className: 'comment', dataset: { id: String(c.id) } },
      el('p', { className: 'comment-meta' }, el('strong', { textContent: String(c.author?.displayName ?? '') }), badgeNode(c.author), ' · ', dateTimeElement(c.at)),
      el('p', { className: 'comment-text', textContent: String(c.text ?? '') }));
  }

  function renderReactions() {
    reactBox.setAttribute('aria-label', t('hub.react.label'));
    reactBox.replaceChildren(...REACTIONS.map(([emoji, name]) => {
      const count = post.reactions?.[emoji] ?? 0;
      const button = el('button', { type: 'button', className: 'reaction', dataset: { emoji } },
        el('span', { textContent: emoji }), ' ', el('span', { className: 'reaction-count', textContent: String(count) }));
      button.setAttribute('aria-pressed', String(yours.has(emoji)));
      button.setAttribute('aria-label', t('hub.react.button', { name: t(`hub.react.${name}`), count }));
      button.addEventListener('click', () => react(emoji));
      return button;
    }));
  }

  function renderComments() {
    commentsTitle.textContent = t('hub.comments.title', { count: post.comments.length });
    const have = new Set([...comments.children].map((li) => li.dataset.id));
    for (const c of post.comments) if (!have.has(String(c.id))) comments.append(commentNode(c));
  }

  function render() {
    heading.replaceChildren(String(post.title ?? ''), ' ', languageMarker(post.lang));
    if (post.lang) heading.lang = post.lang;
    kind.textContent = kindLabel(post.kind);
    meta.replaceChildren(el('span', { className: 'post-author', textContent: String(post.author?.displayName ?? '') }), badgeNode(post.author),
      post.organisation ? ` · ${post.organisation}` : '', ' · ', dateTimeElement(post.createdAt), ' · ', langName(post.lang));
    session.replaceChildren(...(post.sessionId != null
      ? [el('a', { href: `#/sessions/${encodeURIComponent(post.sessionId)}`, textContent: t('hub.post.session') })] : []));
    session.hidden = post.sessionId == null;
    tags.replaceChildren(...(post.tags?.length ? [renderTags(post.tags, onTag)] : []));
    body.replaceChildren(renderBlocks(post.blocks));
    if (post.lang) body.lang = post.lang;
    const attachments = (post.attachments ?? []).map(renderAttachment).filter(Boolean);
    filesTitle.textContent = t('hub.attachments.title');
    files.replaceChildren(...attachments);
    filesBox.hidden = attachments.length === 0;
    renderReactions();
    comments.replaceChildren();
    renderComments();
    label.textContent = t('hub.comment.label');
    submit.textContent = t('hub.comment.submit');
    error.textContent = commentError ? hubErrorText(commentError) : '';
  }

  async function react(emoji) {
    try {
      const reply = await socket.request('feed.react', { postId: post.id, emoji, on: !yours.has(emoji) });
      post.reactions = reply.reactions ?? post.reactions;
      yours = new Set(Array.isArray(reply.yourReactions) ? reply.yourReactions : []);
      const focused = document.activeElement?.dataset?.emoji;
      renderReactions();
      if (focused) reactBox.querySelector(`[data-emoji="${CSS.escape(focused)}"]`)?.focus();
    } catch (e) {
      commentError = e;
      error.textContent = hubErrorText(e);
    }
  }

  function addComment(comment) {
    if (!comment || post.comments.some((c) => c.id === comment.id)) return false;
    post.comments = [...post.comments, comment];
    renderComments();
    return true;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const value = text.value.trim();
    if (!value) { commentError = { code: 'invalid', field: 'text' }; error.textContent = hubErrorText(commentError); text.focus(); return; }
    busy = true;
    submit.disabled = true;
    commentError = null;
    error.textContent = '';
    try {
      await socket.request('feed.comment', { postId: post.id, text: value });
      text.value = '';
      // The event brings it too; fetching makes sure it shows even if the event was missed.
      const reply = await socket.request('feed.get', { postId: post.id }, { retry: false }).catch(() => null);
      for (const c of reply?.post?.comments ?? []) addComment(c);
    } catch (e) {
      commentError = e;
      error.textContent = hubErrorText(e);
      text.focus();
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });

  render();
  const mine = post.author?.id != null && post.author.id === me()?.id;
  if (mine || me()?.role === 'organiser') {
    import('./hub-post-edit.js').then(({ postTools }) => postTools({
      box: tools, post, socket, mine,
      onSaved(next) { post = { ...post, ...next, comments: post.comments }; render(); saved.textContent = t('hub.post.saved'); },
      onDeleted,
    }));
  }
  // Edited elsewhere: read it again (the event carries the summary, not the text); deleted: say so.
  async function reread() {
    const reply = await socket.request('feed.get', { postId: post.id }, { retry: false }).catch(() => null);
    if (reply?.post) { post = { ...post, ...reply.post }; render(); }
  }
  return {
    render,
    id: post.id,
    onEvent(event) {
      const data = event.data ?? {};
      if (event.type === 'post.updated' && data.post?.id === post.id) { reread(); return; }
      if (event.type === 'post.deleted' && data.postId === post.id) {
        host.replaceChildren(el('p', { className: 'note', id: 'post-gone', textContent: t('hub.post.gone') }));
        return;
      }
      if (data.postId !== post.id) return;
      if (event.type === 'post.commented') {
        if (addComment(data.comment) && data.comment?.author?.id !== me()?.id) {
          commentsLive.textContent = t('hub.comment.new', { name: data.comment?.author?.displayName ?? '' });
        }
      } else if (event.type === 'post.reacted' && data.reactions) {
        post.reactions = data.reactions;
        const focused = document.activeElement?.dataset?.emoji;
        renderReactions();
        if (focused) reactBox.querySelector(`[data-emoji="${CSS.escape(focused)}"]`)?.focus();
      }
    },
  };
}
