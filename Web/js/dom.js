// Tiny DOM helpers. Text always goes in as text nodes, never as markup.
export const $ = (id) => document.getElementById(id);

/** `el('p', {className: 'x', dataset: {seq: 7}}, 'text', childNode)` */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

let uid = 0;
/** An element id unique in the page (one counter for every module, so two never hand out the same). */
export const uniqueId = (prefix) => `${prefix}-${++uid}`;

/** A labelled control in a `.field`, with an optional hint linked by aria-describedby. */
export function labelledField(text, control, hint) {
  control.id ||= uniqueId('f');
  const parts = [el('label', { htmlFor: control.id, textContent: text }), control];
  if (hint) {
    const hintNode = el('p', { className: 'hint', id: uniqueId('h'), textContent: hint });
    control.setAttribute('aria-describedby', hintNode.id);
    parts.push(hintNode);
  }
  return el('div', { className: 'field' }, ...parts);
}

/** Sets attributes (role, aria-*) that el()'s property assignment would not: `attrs(el('ol'), {'aria-label': 'x'})`. */
export function attrs(node, map) {
  for (const [name, value] of Object.entries(map)) if (value != null) node.setAttribute(name, String(value));
  return node;
}

/** A status line (`role=status`) or an alert line (`role=alert`). */
export function statusLine(className = 'note', role = 'status', id) {
  const node = attrs(el('p', { className }), { role });
  if (id) node.id = id;
  return node;
}

/** A button with text; an async `onClick` disables it until done. */
export function actionButton(text, onClick, props = {}) {
  const node = el('button', { type: 'button', textContent: text, ...props });
  node.addEventListener('click', async (event) => {
    if (node.disabled) return;
    node.disabled = true;
    try { await onClick(event); } finally { node.disabled = false; }
  });
  return node;
}

/** Says `text` through a polite live region, read out even when it is the same text as before. */
export function announce(region, text) {
  region.textContent = '';
  requestAnimationFrame(() => { region.textContent = text; });
}
