// The badge next to a name where someone speaks (chat, questions, desk, hub, direct messages): Host, Organiser or
// Agent. The server decides it (Author.badge, docs/protocol.md): a name is free text, so a participant who calls
// themself like the host still shows no badge.
import { t } from './i18n.js';
import { el } from './dom.js';

const LABELS = {
  host: () => t('badge.host'),
  organiser: () => t('badge.organiser'),
  agent: () => t('badge.agent'),
};

/** The translated label of `author.badge`, or '' when the author has none. */
export function badgeLabel(author) {
  return Object.hasOwn(LABELS, author?.badge ?? '') ? LABELS[author.badge]() : '';
}

/** A small badge to put after the author's name, or '' (appends as nothing) when they have none. */
export function badgeNode(author) {
  const label = badgeLabel(author);
  if (!label) return '';
  // Read out as "Ana (Host)": the brackets are for screen readers only.
  return el('span', { className: `role-badge role-badge-${author.badge}`, dataset: { badge: author.badge } },
    el('span', { className: 'visually-hidden', textContent: ' (' }), label, el('span', { className: 'visually-hidden', textContent: ')' }));
}

/** The name with its badge in words, for announcements and labels: "Ana (Host)". */
export function nameWithBadge(author) {
  const name = String(author?.displayName ?? '');
  const label = badgeLabel(author);
  return label ? t('badge.withName', { name, badge: label }) : name;
}
