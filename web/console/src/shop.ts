// shop.ts - what customers see: the catalog (active products), a cart kept
// in this tab's memory that places one catalog order (POST /orders with
// its items and an Idempotency-Key for the click, so a retry after a
// network error cannot place it twice: README, The API), and their own orders with status and
// cancel (the order drawer offers what the lifecycle allows an owner).
import { actionKey, ApiError, call, query, request, type Page, type Schemas, type User } from "./api";
import { dateTime, h, money, mount } from "./dom";
import { openOrder } from "./order-drawer";
import { bodyRules, type FieldRule } from "./spec";
import { busy, inputControl, notice, PAGE_SIZE, pager, table } from "./ui";
import { checkField } from "./validate";

type Product = Schemas["Product"];
type Order = Schemas["Order"];
type CartLine = { sku: string; name: string; price: string; quantity: number };

const cart = new Map<string, CartLine>();

/* The rule for one item's quantity: the catalog order's items when the
 * spec has them, else the free-form order's quantity. */
function quantityRule(): FieldRule {
  const rules = bodyRules("createOrder");
  return (rules.items && rules.items.items && rules.items.items.quantity) || rules.quantity ||
    { required: true, type: "integer", minimum: 1 };
}

function cartTotal(): string {
  let cents = 0;
  for (const line of cart.values()) cents += Math.round(Number(line.price) * 100) * line.quantity;
  return (cents / 100).toFixed(2);
}

function cartView(user: User, into: HTMLElement): void {
  const alert = h("p", { class: "form-alert", role: "alert" });
  const lines = [...cart.values()];
  const place = async () => {
    try {
      const items = lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
      await request("POST", "/orders", { body: { items }, idempotencyKey: actionKey() });
      cart.clear();
      cartView(user, into);
      into.prepend(h("p", { class: "notice", role: "status" }, "Order placed. See My orders."));
    } catch (error) {
      const fields = error instanceof ApiError ? Object.entries(error.fields).map(([name, messages]) =>
        `${name}: ${messages.join(" ")}`) : [];
      alert.textContent = [error instanceof ApiError ? error.message : "The server could not be reached.", ...fields].join(" ");
    }
  };
  mount(into, h("h2", null, `Cart (${lines.length})`),
    table(["SKU", "Product", "Qty", "Price", ""], lines.map((line) => ({ cells: [line.sku, line.name, line.quantity,
      money(line.price), h("button", { type: "button", class: "link", onclick: () => { cart.delete(line.sku); cartView(user, into); } },
        `Remove ${line.sku}`)] }))),
    h("p", null, `Total ${cartTotal()}`),
    h("button", { type: "button", class: "primary", disabled: lines.length === 0, onclick: place }, "Place order"), alert);
}

function addControl(product: Product, onAdded: () => void): HTMLElement {
  const rule = quantityRule();
  const input = h("input", { type: "text", inputmode: "numeric", value: "1", name: `quantity-${product.sku}`,
    "aria-label": `Quantity of ${product.name}`, class: "quantity" });
  const error = h("span", { class: "field-error" });
  return h("span", { class: "add" }, input, h("button", { type: "button", onclick: () => {
    const message = checkField(rule, input.value.trim());
    error.textContent = message || "";
    if (message) return;
    const line = cart.get(product.sku) || { sku: product.sku, name: product.name, price: product.price, quantity: 0 };
    line.quantity += Number.parseInt(input.value, 10);
    cart.set(product.sku, line);
    onAdded();
  } }, `Add ${product.sku}`), error);
}

export function showCatalog(main: HTMLElement, user: User): void {
  let search = "";
  let page = 1;
  const list = h("div", { "aria-live": "polite" });
  const cartBox = h("section", { class: "cart", "aria-label": "Cart" });
  const load = () => busy(list, async (show) => {
    try {
      const result = await call<Page<Product>>("GET", `/products${query({ q: search, active: true, page, page_size: PAGE_SIZE })}`);
      show(table(["Product", "Price", "In stock", ""], result.results.map((product) => ({
        cells: [h("span", null, h("strong", null, product.name), h("br"), h("small", null, product.description || product.sku)),
          money(product.price), product.stock > 0 ? String(product.stock) : "out of stock",
          addControl(product, () => cartView(user, cartBox))] }))),
      pager(result, page, (next) => { page = next; void load(); }));
    } catch (error) {
      show(notice(error));
    }
  });
  mount(main, h("h1", null, "Catalog"), h("form", { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
    inputControl("q", "Search", "search", "", (value) => { search = value; page = 1; void load(); })),
  h("div", { class: "shop" }, list, cartBox));
  cartView(user, cartBox);
  void load();
}

export function showMyOrders(main: HTMLElement, user: User): void {
  let page = 1;
  const list = h("div", { "aria-live": "polite" });
  const load = () => busy(list, async (show) => {
    try {
      const result = await call<Page<Order>>("GET", `/orders${query({ page, page_size: PAGE_SIZE })}`);
      show(table(["Created", "Product", "Qty", "Amount", "Status"], result.results.map((order) => ({
        cells: [dateTime(order.created_at), order.product_name, order.quantity, money(order.amount),
          h("span", { class: `status status-${order.status}` }, order.status)],
        key: order.uid,
        open: () => openOrder(order.uid, user, () => void load()),
      }))), pager(result, page, (next) => { page = next; void load(); }));
    } catch (error) {
      show(notice(error));
    }
  });
  mount(main, h("h1", null, "My orders"), list);
  void load();
}
