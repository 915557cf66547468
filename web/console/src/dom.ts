// dom.ts - the console's only view helper: h() makes an element from a tag,
// attributes (class, on<event> handlers, booleans, value) and children.
// No inline style anywhere: the Content-Security-Policy forbids it, so
// looks come from classes in style.css.
export type Child = Node | string | number | null | undefined | false | Child[];
export type Attributes = Record<string, unknown>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const each of child) append(parent, each);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

function setAttribute(element: Element, name: string, value: unknown): void {
  if (name.startsWith("on") && typeof value === "function") {
    element.addEventListener(name.slice(2), value as EventListener);
  } else if (name === "value" || name === "checked") {
    (element as unknown as Record<string, unknown>)[name] = value;
  } else if (value === true) {
    element.setAttribute(name, "");
  } else if (value !== false && value !== null && value !== undefined) {
    element.setAttribute(name, String(value));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes?: Attributes | null, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) setAttribute(element, name, value);
  append(element, children);
  return element;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag: string, attributes?: Attributes | null, ...children: Child[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) setAttribute(element, name, value);
  append(element, children);
  return element;
}

/* Replaces what parent holds with children. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/* A money string ("49.90") as the shop shows it. */
export function money(value: string | null | undefined): string {
  return value === null || value === undefined ? "-" : value;
}

export function dateTime(value: string): string {
  return value.replace("T", " ").slice(0, 16);
}

let sequence = 0;
/* A page-unique id, for label/for and aria-describedby. */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}
