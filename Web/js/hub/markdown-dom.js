// Builds DOM nodes from the server's parsed Markdown blocks (never HTML): paragraphs, headings, quotes,
// lists; strong, em, code and links. A link becomes an <a> only when it goes to http(s), a client route
// (#/…) or an uploaded file (/files/…); anything else stays text.
import { el } from '../dom.js';

/** The href if it is one we follow, else null. */
export function safeLink(href) {
  if (typeof href !== 'string') return null;
  if (/^#\/[^\s"'<>`\\]*$/.test(href)) return href;
  if (/^\/files\/[\w.-]+(\?w=\d+)?$/.test(href)) return href;
  if (/^https?:\/\//i.test(href)) {
    try {
      const url = new URL(href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }
  return null;
}

function inlineNode(inline) {
  const text = String(inline?.text ?? '');
  switch (inline?.type) {
    case 'strong': return el('strong', { textContent: text });
    case 'em': return el('em', { textContent: text });
    case 'code': return el('code', { textContent: text });
    case 'link': {
      const href = safeLink(inline.href);
      if (!href) return document.createTextNode(text);
      const a = el('a', { href, textContent: text || href });
      if (/^https?:/i.test(href)) { a.rel = 'noopener noreferrer external'; a.target = '_blank'; }
      return a;
    }
    default: return document.createTextNode(text);
  }
}

/** The runs of one block as nodes. */
export function renderInlines(inlines) {
  return (Array.isArray(inlines) ? inlines : []).map(inlineNode);
}

/** The post's blocks as a fragment; headings are shifted one level down (the page has its own h1). */
export function renderBlocks(blocks) {
  const fragment = document.createDocumentFragment();
  for (const block of Array.isArray(blocks) ? blocks : []) {
    switch (block?.type) {
      case 'heading': {
        const level = Math.min(Math.max(Number(block.level) || 1, 1), 3) + 1;
        fragment.append(el(`h${level}`, {}, ...renderInlines(block.inlines)));
        break;
      }
      case 'quote':
        fragment.append(el('blockquote', {}, el('p', {}, ...renderInlines(block.inlines))));
        break;
      case 'list':
        fragment.append(el(block.ordered ? 'ol' : 'ul', {},
          ...(Array.isArray(block.items) ? block.items : []).map((item) => el('li', {}, ...renderInlines(item)))));
        break;
      default:
        fragment.append(el('p', {}, ...renderInlines(block?.inlines)));
    }
  }
  return fragment;
}
