// orders.ts - the staff's orders board: counts by status (admins from
// GET /reports/summary, staff from each status's list count, "about N"
// when the API estimates it), the list
// with its filters, ordering and pagination (GET /orders), and the order
// drawer (order-drawer.ts).
import { call, query, type Page, type Schemas, type User } from "./api";
import { dateTime, h, money, mount } from "./dom";
import { openOrder } from "./order-drawer";
import { enumValues } from "./spec";
import { busy, countText, inputControl, notice, PAGE_SIZE, pager, selectControl, table } from "./ui";

type Order = Schemas["Order"];

const ORDERINGS: [string, string][] = [
  ["-created_at", "Newest first"], ["created_at", "Oldest first"], ["-amount", "Amount, high to low"],
  ["amount", "Amount, low to high"], ["status", "Status"],
];

async function statusCounts(user: User): Promise<Record<string, string>> {
  if (user.role === "admin") {
    const summary = await call<Schemas["SummaryReport"]>("GET", "/reports/summary");
    return Object.fromEntries(Object.entries(summary.orders_by_status as Record<string, number>).map(([status, n]) => [status, String(n)]));
  }
  const counts: Record<string, string> = {};
  await Promise.all(enumValues("OrderStatus").map(async (status) => {
    const page = await call<Page<Order>>("GET", `/orders${query({ status, page_size: 1 })}`);
    counts[status] = countText(page);
  }));
  return counts;
}

export function showOrders(main: HTMLElement, user: User): void {
  const filters: Record<string, string> = { status: "", created_after: "", created_before: "",
    min_amount: "", max_amount: "", ordering: "-created_at" };
  let page = 1;
  const counts = h("div", { class: "counts", "aria-label": "Orders by status" });
  const list = h("div", { "aria-live": "polite" });

  const loadCounts = async () => {
    try {
      const byStatus = await statusCounts(user);
      mount(counts, enumValues("OrderStatus").map((status) => h("button", {
        type: "button", class: `count status-${status}`, "data-count": status,
        "aria-pressed": filters.status === status ? "true" : "false",
        onclick: () => {
          filters.status = filters.status === status ? "" : status;
          (main.querySelector("select[name=status]") as HTMLSelectElement).value = filters.status;
          page = 1;
          reload();
        },
      }, h("span", null, status), h("strong", null, byStatus[status] ?? "0"))));
    } catch (error) {
      mount(counts, notice(error));
    }
  };
  const loadList = () => busy(list, async (show) => {
    try {
      const dates = { created_after: filters.created_after && `${filters.created_after}T00:00:00Z`,
        created_before: filters.created_before && `${filters.created_before}T23:59:59Z` };
      const result = await call<Page<Order>>("GET",
        `/orders${query({ ...filters, ...dates, page, page_size: PAGE_SIZE })}`);
      show(table(["Created", "Product", "Qty", "Amount", "Status"], result.results.map((order) => ({
        cells: [dateTime(order.created_at), order.product_name, order.quantity, money(order.amount),
          h("span", { class: `status status-${order.status}` }, order.status)],
        key: order.uid,
        open: () => openOrder(order.uid, user, () => { void loadCounts(); void loadList(); }),
      }))), pager(result, page, (next) => { page = next; void loadList(); }));
    } catch (error) {
      show(notice(error));
    }
  });
  const reload = () => {
    void loadCounts();
    void loadList();
  };
  const set = (name: string) => (value: string) => { filters[name] = value; page = 1; reload(); };
  mount(main, h("h1", null, "Orders"), counts, h("form", { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
      selectControl("status", "Status", [["", "Any"], ...enumValues("OrderStatus").map((s): [string, string] => [s, s])],
        filters.status, set("status")),
      inputControl("created_after", "From", "date", filters.created_after, set("created_after")),
      inputControl("created_before", "To", "date", filters.created_before, set("created_before")),
      inputControl("min_amount", "Min amount", "text", filters.min_amount, set("min_amount")),
      inputControl("max_amount", "Max amount", "text", filters.max_amount, set("max_amount")),
      selectControl("ordering", "Order by", ORDERINGS, filters.ordering, set("ordering"))), list);
  reload();
}
