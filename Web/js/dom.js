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
