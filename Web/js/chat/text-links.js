// Addresses in text people typed (chat) as links: only http(s) addresses become links, built as DOM nodes (the
// address as text, the href set from a parsed URL) that open in a new tab without giving it this page. The rest
// stays text.
import { el } from '../dom.js';

const ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'’)\]}»]$/;
const count = (text, char) => text.split(char).length - 1;

/** Punctuation after an address belongs to the sentence; a closing bracket the address opened is its own. */
function trimmed(address) {
  while (TRAILING.test(address)) {
    if (address.endsWith(')') && count(address, '(') >= count(address, ')')) break;
    address = address.slice(0, -1);
  }
  return address;
}

/** The nodes of `text`: text nodes, and an `<a>` for each http(s) address in it. */
export function textWithLinks(value) {
  const text = String(value ?? '');
  const nodes = [];
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimmed(match[0]);
    let url;
    try { url = new URL(address); } catch { continue; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    if (match.index > from) nodes.push(text.slice(from, match.index));
    nodes.push(el('a', { href: url.href, textContent: address, rel: 'noopener noreferrer', target: '_blank' }));
    from = match.index + address.length;
  }
  if (from < text.length) nodes.push(text.slice(from));
  return nodes;
}
