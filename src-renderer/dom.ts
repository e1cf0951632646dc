// SPDX-License-Identifier: MIT
/** Tiny DOM helpers. Text goes in as textContent only: nothing from main is ever parsed as HTML. */

export type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; attrs?: Record<string, string>; text?: string } = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class !== undefined) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) node.append(child);
  return node;
}

export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { text: label, attrs: { type: 'button', ...attrs } });
  b.addEventListener('click', onClick);
  return b;
}

export function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`touchrole window: #${id} is missing from index.html`);
  return node;
}

/** A list section: the `empty` text when there is nothing, else one row per item. */
export function renderList<T>(root: HTMLElement, items: readonly T[], empty: string, row: (item: T) => HTMLElement): void {
  root.replaceChildren(items.length === 0 ? el('p', { class: 'empty', text: empty }) : el('ul', { class: 'list' }, items.map(row)));
}
