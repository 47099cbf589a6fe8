// Small DOM helpers: elements built from data with textContent only (never innerHTML, so nothing from the API can
// become markup), and a unique id per label/field pair.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let counter = 0;
export const uid = (prefix: string): string => `${prefix}-${++counter}`;

/** A labelled control: the label names it for screen readers and tests. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uid('f');
  const hintEl = hint ? h('p', { class: 'hint', id: uid('hint') }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), hintEl, control);
}

export function select(options: { value: string; label: string }[], value = '', attrs: Attrs = {}): HTMLSelectElement {
  const s = h('select', attrs, ...options.map((o) => h('option', { value: o.value }, o.label)));
  s.value = value;
  return s;
}

export const time = (iso: string | undefined): HTMLElement | string => (iso ? h('time', { datetime: iso }, iso.slice(0, 19).replace('T', ' ') + ' UTC') : '');

/** A region that announces what changed (results of forms, refreshes) to screen readers. */
export const status = (cls = 'status'): HTMLElement => h('div', { class: cls, role: 'status', 'aria-live': 'polite' });

/** A horizontally scrollable wrapper (wide tables at 390 px): focusable and named, so keyboard users can scroll it. */
export const scrollRegion = (label: string, child: Node): HTMLElement => h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, child);
