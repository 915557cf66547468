// ui.ts - pieces the views share: a pager for the API's DRF pages (an
// estimated count shown as "about N"), a confirmation dialog (a native
// <dialog>: focus kept inside, Escape cancels), a side drawer (modal too:
// Tab stays inside, Escape closes it and focus goes back to the row that
// opened it), filters bar controls and error notices.
import { ApiError, type Page } from "./api";
import { h, mount, type Child } from "./dom";

export const PAGE_SIZE = 20;

/* A count as the API gave it: "about N" when it is the planner's estimate. */
export function countText(page: Page<unknown>): string {
  return page.count_is_estimate ? `about ${page.count}` : String(page.count);
}

export function pager<T>(page: Page<T>, number: number, go: (page: number) => void): HTMLElement {
  const last = Math.max(1, Math.ceil(page.count / PAGE_SIZE));
  const of = page.count_is_estimate ? `about ${last}` : String(last);
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: !page.previous, onclick: () => go(number - 1) }, "Previous"),
    h("span", { "aria-live": "polite", "data-estimate": page.count_is_estimate ? "true" : "false" },
      `Page ${number} of ${of} (${countText(page)})`),
    h("button", { type: "button", disabled: !page.next, onclick: () => go(number + 1) }, "Next"));
}

const generations = new WeakMap<HTMLElement, number>();

/* Runs a list's load with aria-busy set on it meanwhile (screen readers,
 * and the browser test, wait for "false"). Only the latest load of a list
 * may show what it got (show), so a slow, older answer never replaces a
 * newer one. */
export async function busy(list: HTMLElement, work: (show: (...children: Child[]) => void) => Promise<void>): Promise<void> {
  const generation = (generations.get(list) || 0) + 1;
  generations.set(list, generation);
  list.setAttribute("aria-busy", "true");
  const latest = () => generations.get(list) === generation;
  try {
    await work((...children) => { if (latest()) mount(list, ...children); });
  } finally {
    if (latest()) list.setAttribute("aria-busy", "false");
  }
}

export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : "The server could not be reached. Try again.";
}

export function notice(error: unknown): HTMLElement {
  return h("p", { class: "form-alert", role: "alert" }, errorText(error));
}

/* Asks, in a modal dialog, before an action; body (e.g. a reason form)
 * goes inside. Resolves true when confirmed. */
export function confirmDialog(question: string, confirmLabel: string, body?: Child): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "confirm", "aria-label": question });
    const finish = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(h("div", null, h("p", null, question), body, h("div", { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: () => finish(false) }, "Back"),
      h("button", { type: "button", class: "danger", onclick: () => finish(true) }, confirmLabel))));
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); finish(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
  "textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/* Keeps Tab and Shift+Tab inside panel: past the last control focus goes
 * to the first, before the first to the last. */
function trapTab(panel: HTMLElement, event: KeyboardEvent): void {
  const inside = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((each) => each.getClientRects().length);
  if (inside.length === 0) {
    event.preventDefault();
    panel.focus();
    return;
  }
  const first = inside[0];
  const last = inside[inside.length - 1];
  const at = document.activeElement;
  if (event.shiftKey && (at === first || at === panel || !panel.contains(at))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (at === last || !panel.contains(at))) {
    event.preventDefault();
    first.focus();
  }
}

/* Where focus goes back to: the opener, or when its list was drawn again
 * meanwhile, the new row for the same thing (data-key). */
function returnFocus(opener: HTMLElement | null): void {
  if (!opener) return;
  const key = opener.getAttribute("data-key");
  const target = opener.isConnected || !key ? opener
    : document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (target) target.focus();
}

/* The open drawer, if any: a new one replaces it (and takes its opener). */
let shown: { panel: HTMLElement; onKey: (event: KeyboardEvent) => void; opener: HTMLElement | null } | null = null;

function removeShown(): HTMLElement | null {
  if (!shown) return null;
  const { panel, onKey, opener } = shown;
  shown = null;
  panel.remove();
  document.removeEventListener("keydown", onKey);
  return opener;
}

/* A modal panel over the right of the page (the whole page on a phone):
 * Tab stays inside it; Escape or its Close button closes it and gives
 * focus back to where it was. */
export function drawer(title: string, content: HTMLElement): { close: () => void; body: HTMLElement; focus: () => void } {
  const active = document.activeElement as HTMLElement | null;
  const replaced = shown && shown.panel.contains(active) ? shown.opener : active;
  removeShown();
  const body = h("div", { class: "drawer-body" }, content);
  const panel = h("aside", { class: "drawer", role: "dialog", "aria-modal": "true", "aria-label": title, tabindex: "-1" });
  const close = () => {
    if (!shown || shown.panel !== panel) return;
    returnFocus(removeShown());
  };
  const onKey = (event: KeyboardEvent) => {
    if (document.querySelector("dialog[open]")) return;
    if (event.key === "Escape") close();
    else if (event.key === "Tab") trapTab(panel, event);
  };
  panel.append(h("header", null, h("h2", null, title),
    h("button", { type: "button", class: "link", onclick: close }, "Close")), body);
  shown = { panel, onKey, opener: replaced };
  document.body.append(panel);
  document.addEventListener("keydown", onKey);
  panel.focus();
  return { close, body, focus: () => panel.focus() };
}

export function selectControl(name: string, labelText: string, choices: [string, string][], value: string,
                              onchange: (value: string) => void): HTMLElement {
  const id = `filter-${name}`;
  return h("label", { class: "filter", for: id }, labelText,
    h("select", { id, name, onchange: (event: Event) => onchange((event.target as HTMLSelectElement).value) },
      choices.map(([choice, text]) => h("option", { value: choice, selected: choice === value }, text))));
}

export function inputControl(name: string, labelText: string, type: string, value: string,
                             onchange: (value: string) => void): HTMLElement {
  const id = `filter-${name}`;
  return h("label", { class: "filter", for: id }, labelText,
    h("input", { id, name, type, value, onchange: (event: Event) => onchange((event.target as HTMLInputElement).value) }));
}

/* A table whose rows open with a click or Enter/Space when focused; a
 * row's key (data-key) finds it again after the table is drawn anew. */
export function table(headers: string[],
                      rows: { cells: Child[]; open?: () => void; className?: string; key?: string }[]): HTMLElement {
  return h("div", { class: "table-wrap" }, h("table", null,
    h("thead", null, h("tr", null, headers.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", null, rows.length === 0 ? h("tr", null, h("td", { colspan: headers.length }, "Nothing yet.")) :
      rows.map((row) => h("tr", {
        class: [row.className, row.open ? "clickable" : ""].filter(Boolean).join(" ") || false,
        tabindex: row.open ? "0" : false,
        "data-key": row.key || false,
        onclick: row.open,
        onkeydown: row.open ? (event: KeyboardEvent) => {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); row.open!(); }
        } : undefined,
      }, row.cells.map((cell) => h("td", null, cell)))))));
}
