// order-drawer.ts - one order in a drawer: its lines, its status history,
// and a button for each transition the lifecycle allows the signed-in
// role from the order's current state (spec.ts, from the OpenAPI
// document's x-lifecycle), each asked for in a confirmation dialog. A
// transition is sent with If-Match (the ETag the drawer read) and an
// Idempotency-Key of its own; a 412 (the order changed since the drawer
// read it) says so and shows the order as it is now; a refused transition
// (409 invalid_transition, insufficient_stock) is shown as the API words it.
import { actionKey, ApiError, request, type Schemas, type User } from "./api";
import { dateTime, h, money, mount } from "./dom";
import { bodyRules, transitionsFrom, type Transition } from "./spec";
import { confirmDialog, drawer, errorText, table } from "./ui";
import { checkField } from "./validate";

type Detail = Schemas["OrderDetail"];

const VERBS: Record<string, string> = {
  confirmed: "Confirm", shipped: "Ship", delivered: "Mark delivered", cancelled: "Cancel order",
};

function reasonInput(operation: string): HTMLInputElement | null {
  const rules = bodyRules(operation);
  const rule = rules.reason;
  if (!rule) return null;
  return h("input", { name: "reason", type: "text", maxlength: rule.maxLength, "aria-label": "Reason (optional)",
    placeholder: "Reason (optional)" });
}

function hasBody(operation: string): boolean {
  try {
    bodyRules(operation);
    return true;
  } catch {
    return false;
  }
}

export const ORDER_CHANGED = "This order changed since you opened it. It is shown as it is now.";

type Outcome = "done" | "kept" | "stale";

async function runTransition(transition: Transition, order: Detail, etag: string | null,
                             alert: HTMLElement): Promise<Outcome> {
  const verb = VERBS[transition.to] || transition.to;
  const reason = hasBody(transition.operation) ? reasonInput(transition.operation) : null;
  const question = `${verb}: order ${order.uid.slice(0, 8)} (${order.product_name}, ${order.amount}) goes from ${order.status} to ${transition.to}.`;
  if (!(await confirmDialog(question, verb, reason))) return "kept";
  let body: Record<string, unknown> | undefined;
  if (reason) {
    const message = checkField(bodyRules(transition.operation).reason, reason.value.trim());
    if (message) {
      alert.textContent = `Reason: ${message}`;
      return "kept";
    }
    body = reason.value.trim() ? { reason: reason.value.trim() } : {};
  }
  try {
    await request(transition.method, transition.path.replace("{uid}", order.uid),
      { body, ifMatch: etag, idempotencyKey: actionKey() });
    return "done";
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) return "stale";
    alert.textContent = errorText(error);
    return "kept";
  }
}

type Shown = { order: Detail; etag: string | null; user: User };

function details({ order, etag, user }: Shown, refresh: (message: string) => void, changed: () => void): HTMLElement {
  const alert = h("p", { class: "form-alert", role: "alert" });
  const actions = transitionsFrom(order.status, user.role).map((transition) =>
    h("button", { type: "button", class: transition.to === "cancelled" ? "danger" : "",
      "data-transition": transition.to,
      onclick: async () => {
        const outcome = await runTransition(transition, order, etag, alert);
        if (outcome === "kept") return;
        changed();
        refresh(outcome === "stale" ? ORDER_CHANGED : "");
      } }, VERBS[transition.to] || transition.to));
  return h("div", { class: "order-detail" },
    h("p", null, h("span", { class: `status status-${order.status}`, "data-status": order.status }, order.status),
      ` ${money(order.amount)} - created ${dateTime(order.created_at)}`),
    order.cancel_reason ? h("p", null, `Cancel reason: ${order.cancel_reason}`) : null,
    h("div", { class: "actions" }, actions.length ? actions : h("span", { class: "muted" }, "No transition from here.")),
    alert,
    h("h3", null, "Lines"),
    table(["SKU", "Product", "Qty", "Unit price", "Amount"], order.lines.map((line) => ({
      cells: [line.sku || "-", line.product_name, line.quantity, money(line.unit_price), money(line.amount)] }))),
    h("h3", null, "History"),
    table(["When", "From", "To", "By", "Reason"], order.history.map((step) => ({
      cells: [dateTime(step.at), step.from || "-", step.to, step.actor, step.reason || ""] }))));
}

/* Opens the order in a drawer; changed() runs after a transition (and
 * after a 412: the order changed meanwhile). */
export function openOrder(uid: string, user: User, changed: () => void): void {
  const content = h("div", null, h("p", null, "Loading..."));
  const panel = drawer(`Order ${uid.slice(0, 8)}`, content);
  const load = async (message = "") => {
    try {
      const { body, etag } = await request<Detail>("GET", `/orders/${uid}`);
      mount(content, message ? h("p", { class: "notice stale", role: "status" }, message) : null,
        details({ order: body, etag, user }, load, changed));
      // The button that was pressed is gone: focus stays in the drawer.
      if (document.activeElement === document.body) panel.focus();
    } catch (error) {
      mount(content, h("p", { class: "form-alert", role: "alert" }, errorText(error)));
    }
  };
  void load();
}
