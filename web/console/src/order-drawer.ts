// order-drawer.ts - one order in a drawer: its lines, its status history,
// and a button for each transition the lifecycle allows the signed-in
// role from the order's current state (spec.ts, from the OpenAPI
// document's x-lifecycle), each asked for in a confirmation dialog. A
// refused transition (409 invalid_transition, insufficient_stock) is shown
// in the drawer as the API words it.
import { call, type Schemas, type User } from "./api";
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

async function runTransition(transition: Transition, order: Detail, alert: HTMLElement): Promise<boolean> {
  const verb = VERBS[transition.to] || transition.to;
  const reason = hasBody(transition.operation) ? reasonInput(transition.operation) : null;
  const question = `${verb}: order ${order.uid.slice(0, 8)} (${order.product_name}, ${order.amount}) goes from ${order.status} to ${transition.to}.`;
  if (!(await confirmDialog(question, verb, reason))) return false;
  let body: Record<string, unknown> | undefined;
  if (reason) {
    const message = checkField(bodyRules(transition.operation).reason, reason.value.trim());
    if (message) {
      alert.textContent = `Reason: ${message}`;
      return false;
    }
    body = reason.value.trim() ? { reason: reason.value.trim() } : {};
  }
  try {
    await call(transition.method, transition.path.replace("{uid}", order.uid), body);
    return true;
  } catch (error) {
    alert.textContent = errorText(error);
    return false;
  }
}

function details(order: Detail, user: User, refresh: () => void, changed: () => void): HTMLElement {
  const alert = h("p", { class: "form-alert", role: "alert" });
  const actions = transitionsFrom(order.status, user.role).map((transition) =>
    h("button", { type: "button", class: transition.to === "cancelled" ? "danger" : "",
      "data-transition": transition.to,
      onclick: async () => {
        if (await runTransition(transition, order, alert)) {
          changed();
          refresh();
        }
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

/* Opens the order in a drawer; changed() runs after a transition. */
export function openOrder(uid: string, user: User, changed: () => void): void {
  const content = h("div", null, h("p", null, "Loading..."));
  drawer(`Order ${uid.slice(0, 8)}`, content);
  const load = async () => {
    try {
      const order = await call<Detail>("GET", `/orders/${uid}`);
      mount(content, details(order, user, load, changed));
    } catch (error) {
      mount(content, h("p", { class: "form-alert", role: "alert" }, errorText(error)));
    }
  };
  void load();
}
