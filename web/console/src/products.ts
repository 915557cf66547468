// products.ts - the staff's products: the list (search, low stock only,
// ordering, pages; low-stock rows highlighted), create, edit (a partial
// PATCH of what changed since the last save, with If-Match: the product's
// version as its ETag; a 412 shows the product as it is now), soft
// delete, stock adjustment with its reason, and the movement ledger.
// Every form is made from the spec's rules.
import { actionKey, ApiError, call, query, request, type Page, type Schemas, type User } from "./api";
import { dateTime, h, money, mount } from "./dom";
import { specForm } from "./form";
import { busy, confirmDialog, drawer, errorText, inputControl, notice, PAGE_SIZE, pager, selectControl, table } from "./ui";

type Product = Schemas["Product"];
type Movement = Schemas["StockMovement"];

const FIELD_ORDER = ["sku", "name", "price", "stock", "low_stock_threshold", "description", "active"];

const ORDERINGS: [string, string][] = [
  ["name", "Name"], ["price", "Price, low to high"], ["-price", "Price, high to low"],
  ["stock", "Stock, low to high"], ["-created_at", "Newest first"],
];

export function isLowStock(product: { stock: number; low_stock_threshold: number }): boolean {
  return product.stock <= product.low_stock_threshold;
}

async function ledger(uid: string, into: HTMLElement, page = 1): Promise<void> {
  try {
    const result = await call<Page<Movement>>("GET", `/products/${uid}/movements${query({ page, page_size: PAGE_SIZE })}`);
    mount(into, table(["When", "Change", "Reason", "Order", "By"], result.results.map((movement) => ({
      cells: [dateTime(movement.created_at), movement.delta > 0 ? `+${movement.delta}` : String(movement.delta),
        movement.reason, movement.order_id ? movement.order_id.slice(0, 8) : "", movement.actor] }))),
    pager(result, page, (next) => void ledger(uid, into, next)));
  } catch (error) {
    mount(into, notice(error));
  }
}

export const PRODUCT_CHANGED = "This product changed since you opened it. It is shown as it is now.";

/* A product's ETag: its version in quotes (README, ETags and conditional writes). */
function etagOf(product: Product): string {
  return `"${product.version}"`;
}

type Panel = { close: () => void; body: HTMLElement };

/* Shows product in panel (again, with message, after a 412). */
function showProduct(panel: Panel, product: Product, changed: () => void, message = ""): void {
  mount(panel.body, message ? h("p", { class: "notice stale", role: "status" }, message) : null,
    productPanel(product, changed, panel));
}

/* The PATCH of an edit; a 412 reloads the product into its panel. */
async function saveProduct(product: Product, body: Record<string, unknown>, changed: () => void,
                           panel: Panel): Promise<Product> {
  try {
    return (await request<Product>("PATCH", `/products/${product.uid}`,
      { body, ifMatch: etagOf(product), idempotencyKey: actionKey() })).body;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 412) throw error;
    showProduct(panel, await call<Product>("GET", `/products/${product.uid}`), changed, PRODUCT_CHANGED);
    changed();
    throw new ApiError(412, error.code, PRODUCT_CHANGED);
  }
}

function productPanel(product: Product, changed: () => void, panel: Panel): HTMLElement {
  const stockLine = h("p", { class: isLowStock(product) ? "stock low" : "stock", "data-stock": product.stock },
    `Stock: ${product.stock} (low at ${product.low_stock_threshold})`);
  const movements = h("div", { class: "ledger" });
  const alert = h("p", { class: "form-alert", role: "alert" });
  const refresh = (updated: Product) => {
    Object.assign(product, updated);
    stockLine.textContent = `Stock: ${updated.stock} (low at ${updated.low_stock_threshold})`;
    stockLine.className = isLowStock(updated) ? "stock low" : "stock";
    stockLine.setAttribute("data-stock", String(updated.stock));
    changed();
    void ledger(product.uid, movements);
  };
  const edit = specForm({
    operation: "updateProduct", partial: true, fields: FIELD_ORDER, submit: "Save changes", values: product,
    onSubmit: async (body) => {
      const saved = await saveProduct(product, body, changed, panel);
      refresh(saved);
      return saved;
    },
  });
  const adjust = specForm({
    operation: "adjustStock", submit: "Adjust stock", labels: { delta: "Change (+ in, - out)" },
    onSubmit: async (body) => {
      refresh(await call<Product>("POST", `/products/${product.uid}/stock`, body));
      adjust.reset();
    },
  });
  const remove = h("button", { type: "button", class: "danger", onclick: async () => {
    if (!(await confirmDialog(`Delete ${product.sku} (${product.name})? It leaves the catalog; its ledger is kept.`, "Delete")))
      return;
    try {
      await call("DELETE", `/products/${product.uid}`);
      changed();
      panel.close();
    } catch (error) {
      alert.textContent = errorText(error);
    }
  } }, "Delete product");
  void ledger(product.uid, movements);
  return h("div", null, stockLine, h("h3", null, "Adjust stock"), adjust, h("h3", null, "Movements"), movements,
    h("h3", null, "Edit"), edit, h("h3", null, "Delete"), remove, alert);
}

export function showProducts(main: HTMLElement, _user: User): void {
  const filters: Record<string, string> = { q: "", low_stock: "", ordering: "name" };
  let page = 1;
  const list = h("div", { "aria-live": "polite" });
  const load = () => busy(list, async (show) => {
    try {
      const result = await call<Page<Product>>("GET", `/products${query({ ...filters, page, page_size: PAGE_SIZE })}`);
      show(table(["SKU", "Name", "Price", "Stock", "Active"], result.results.map((product) => ({
        className: isLowStock(product) ? "low-stock" : undefined,
        cells: [product.sku, product.name, money(product.price),
          h("span", { class: isLowStock(product) ? "stock low" : "stock" }, String(product.stock),
            isLowStock(product) ? " (low)" : ""), product.active ? "yes" : "no"],
        key: product.uid,
        open: () => {
          showProduct(drawer(`${product.sku} - ${product.name}`, h("div")), product, () => void load());
        },
      }))), pager(result, page, (next) => { page = next; void load(); }));
    } catch (error) {
      show(notice(error));
    }
  });
  const set = (name: string) => (value: string) => { filters[name] = value; page = 1; void load(); };
  const create = () => {
    const panel = drawer("New product", h("div"));
    mount(panel.body, specForm({
      operation: "createProduct", submit: "Create product", fields: FIELD_ORDER,
      onSubmit: async (body) => {
        const product = await call<Product>("POST", "/products", body);
        void load();
        showProduct(drawer(`${product.sku} - ${product.name}`, h("div")), product, () => void load());
      },
    }));
    (panel.body.querySelector("input") as HTMLInputElement).focus();
  };
  mount(main, h("h1", null, "Products"),
    h("form", { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
      inputControl("q", "Name contains", "search", filters.q, set("q")),
      selectControl("low_stock", "Stock", [["", "Any"], ["true", "Low only"], ["false", "Not low"]], "", set("low_stock")),
      selectControl("ordering", "Order by", ORDERINGS, filters.ordering, set("ordering")),
      h("button", { type: "button", onclick: create }, "New product")),
    list);
  void load();
}
