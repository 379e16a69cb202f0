// A menu button (the WAI-ARIA pattern): one button that opens a short list of actions. Enter, Space or ↓ open it
// on the first item, ↑ on the last; ↑ ↓ Home End move, Escape closes it back on the button, Tab or a click
// elsewhere closes it. Items run their action and close the menu. It opens upwards when there is no room below.
import { el } from './dom.js';

/** The box the menu must fit in: the nearest scrolling ancestor's, or the window's. */
function bounds(node) {
  for (let n = node.parentElement; n; n = n.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(n).overflowY)) return n.getBoundingClientRect();
  }
  return { top: 0, bottom: window.innerHeight };
}

/**
 * `menuButton({label, text, id, items: [{text, label?, id?, className?, run}]})` → a `.menu` element holding the
 * button (`text` shown, `label` its accessible name) and the menu.
 */
export function menuButton({ label, text = '⋯', id, items }) {
  const button = el('button', { type: 'button', className: 'small menu-toggle', id, textContent: text });
  const menu = el('ul', { className: 'menu-list', hidden: true });
  menu.setAttribute('role', 'menu');
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  const entries = items.map((item) => {
    const entry = el('button', { type: 'button', className: `menu-item ${item.className || ''}`, id: item.id || '', textContent: item.text, tabIndex: -1 });
    entry.setAttribute('role', 'menuitem');
    if (item.label) entry.setAttribute('aria-label', item.label);
    entry.addEventListener('click', () => { close(true); item.run(); });
    const li = el('li', {}, entry);
    li.setAttribute('role', 'none');
    menu.append(li);
    return entry;
  });
  const node = el('div', { className: 'menu' }, button, menu);

  function open(index) {
    menu.hidden = false;
    menu.classList.remove('up');
    const box = bounds(node);
    const { top, bottom } = menu.getBoundingClientRect();
    if (bottom > box.bottom && button.getBoundingClientRect().top - box.top > box.bottom - top) menu.classList.add('up');
    button.setAttribute('aria-expanded', 'true');
    entries.at(index)?.focus();
    document.addEventListener('pointerdown', outside, true);
  }
  function close(focusButton) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    if (focusButton) button.focus();
  }
  function outside(event) { if (!node.contains(event.target)) close(false); }

  button.addEventListener('click', () => (menu.hidden ? open(0) : close(true)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') { event.preventDefault(); open(event.key === 'ArrowDown' ? 0 : -1); }
  });
  menu.addEventListener('keydown', (event) => {
    const at = entries.indexOf(document.activeElement);
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: -1 };
    if (event.key in moves) {
      event.preventDefault();
      entries.at(moves[event.key] % entries.length)?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
  });
  return node;
}
