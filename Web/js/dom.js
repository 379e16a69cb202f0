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
