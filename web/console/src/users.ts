// users.ts - the admins' role management: find users by email or role
// (GET /users) and change a role (PATCH /users/{uid}/role), e.g. promote
// a customer to staff. The roles come from the spec's UserRole enum.
import { call, query, type Page, type User } from "./api";
import { h, mount } from "./dom";
import { enumValues } from "./spec";
import { busy, confirmDialog, errorText, inputControl, notice, PAGE_SIZE, pager, selectControl, table } from "./ui";

export function showUsers(main: HTMLElement, me: User): void {
  const filters: Record<string, string> = { email: "", role: "" };
  let page = 1;
  const list = h("div", { "aria-live": "polite" });
  const alert = h("p", { class: "form-alert", role: "alert" });
  const roleCell = (user: User) => {
    const select = h("select", { "aria-label": `Role of ${user.email}`, name: "role" },
      enumValues("UserRole").map((role) => h("option", { value: role, selected: role === user.role }, role)));
    const save = h("button", { type: "button", disabled: user.id === me.id, onclick: async () => {
      if (select.value === user.role) return;
      if (!(await confirmDialog(`Make ${user.email} ${select.value} (now ${user.role})?`, "Change role"))) return;
      try {
        await call<User>("PATCH", `/users/${user.id}/role`, { role: select.value });
        alert.textContent = "";
        void load();
      } catch (error) {
        alert.textContent = errorText(error);
      }
    } }, "Set role");
    return h("span", { class: "role-cell", "data-email": user.email }, select, save);
  };
  const load = () => busy(list, async (show) => {
    try {
      const result = await call<Page<User>>("GET", `/users${query({ ...filters, page, page_size: PAGE_SIZE })}`);
      show(table(["Email", "Name", "Role"], result.results.map((user) => ({
        cells: [user.email, user.name, roleCell(user)] }))),
      pager(result, page, (next) => { page = next; void load(); }));
    } catch (error) {
      show(notice(error));
    }
  });
  const set = (name: string) => (value: string) => { filters[name] = value; page = 1; void load(); };
  mount(main, h("h1", null, "Users"),
    h("form", { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
      inputControl("email", "Email contains", "search", "", set("email")),
      selectControl("role", "Role", [["", "Any"], ...enumValues("UserRole").map((r): [string, string] => [r, r])], "",
        set("role"))),
    alert, list);
  void load();
}
