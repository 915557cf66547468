// reports.ts - the admins' reports as pictures: sales by day over a chosen
// date range (GET /reports/sales, a bar chart of revenue with every day of
// the range), orders by status and the low-stock list (GET
// /reports/summary).
import { call, query, type Schemas, type User } from "./api";
import { barChart } from "./chart";
import { h, money, mount } from "./dom";
import { enumValues } from "./spec";
import { inputControl, notice, table } from "./ui";

type Sales = Schemas["SalesReport"];
type Summary = Schemas["SummaryReport"];
type LowStock = { sku: string; name: string; stock: number; low_stock_threshold: number };

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/* Every day from..to (UTC), so a day without sales is a zero, not a gap. */
function days(from: string, to: string): string[] {
  const result: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); isoDay(day) <= to && result.length <= 366;
    day = new Date(day.getTime() + 86400000))
    result.push(isoDay(day));
  return result;
}

async function loadSales(range: { from: string; to: string }, into: HTMLElement): Promise<void> {
  try {
    const report = await call<Sales>("GET", `/reports/sales${query({ ...range, group_by: "day" })}`);
    const byDay = new Map(report.results.map((row) => [row.day, row]));
    const bars = days(range.from, range.to).map((day) => {
      const row = byDay.get(day);
      const revenue = row && row.revenue ? Number(row.revenue) : 0;
      return { label: day.slice(5), value: revenue, text: `${row ? row.revenue : "0.00"} (${row ? row.orders : 0} orders)` };
    });
    const total = report.results.reduce((sum, row) => sum + Number(row.revenue || 0), 0);
    mount(into, barChart(`Revenue by day, ${range.from} to ${range.to}`, bars, "sales"),
      h("p", { class: "muted", "data-total": total.toFixed(2) },
        `Revenue ${total.toFixed(2)} from ${report.results.reduce((sum, row) => sum + row.orders, 0)} orders (completed and delivered).`));
  } catch (error) {
    mount(into, notice(error));
  }
}

async function loadSummary(into: HTMLElement): Promise<void> {
  try {
    const summary = await call<Summary>("GET", "/reports/summary");
    const byStatus = summary.orders_by_status as Record<string, number>;
    const low = summary.low_stock_products as unknown as LowStock[];
    mount(into,
      h("p", null, `${summary.total_orders ?? 0} orders, revenue ${money(summary.total_revenue)}.`),
      barChart("Orders by status", enumValues("OrderStatus").map((status) =>
        ({ label: status, value: byStatus[status] ?? 0, text: String(byStatus[status] ?? 0) })), "statuses"),
      h("h2", null, "Low stock"),
      table(["SKU", "Name", "Stock", "Low at"], low.map((product) => ({
        className: "low-stock", cells: [product.sku, product.name, product.stock, product.low_stock_threshold] }))));
  } catch (error) {
    mount(into, notice(error));
  }
}

export function showReports(main: HTMLElement, _user: User): void {
  const today = new Date();
  const range = { from: isoDay(new Date(today.getTime() - 29 * 86400000)), to: isoDay(today) };
  const sales = h("div", { class: "chart-box" });
  const summary = h("div");
  const set = (name: "from" | "to") => (value: string) => {
    if (!value) return;
    range[name] = value;
    void loadSales(range, sales);
  };
  mount(main, h("h1", null, "Reports"),
    h("h2", null, "Sales by day"),
    h("form", { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
      inputControl("from", "From", "date", range.from, set("from")),
      inputControl("to", "To", "date", range.to, set("to"))),
    sales, h("h2", null, "Orders by status"), summary);
  void loadSales(range, sales);
  void loadSummary(summary);
}
