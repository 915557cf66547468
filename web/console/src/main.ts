// main.ts - the console's shell: sign-in, the signed-in user's menu by
// role, and hash routes (#/orders, #/products, ...) to the views. Staff
// run orders and products, admins also reports and users, customers the
// catalog, their cart and their orders (README, Console).
import { call, hasSession, signIn, signOut, whenSignedOut, type User } from "./api";
import { h, mount } from "./dom";
import { specForm } from "./form";
import { showCatalog, showMyOrders } from "./shop";
import { showOrders } from "./orders";
import { showProducts } from "./products";
import { showReports } from "./reports";
import { showUsers } from "./users";

export type View = (main: HTMLElement, user: User) => void;
type Route = { path: string; title: string; roles: string[]; view: View };

const routes: Route[] = [
  { path: "orders", title: "Orders", roles: ["staff", "admin"], view: showOrders },
  { path: "products", title: "Products", roles: ["staff", "admin"], view: showProducts },
  { path: "reports", title: "Reports", roles: ["admin"], view: showReports },
  { path: "users", title: "Users", roles: ["admin"], view: showUsers },
  { path: "catalog", title: "Catalog", roles: ["customer"], view: showCatalog },
  { path: "my-orders", title: "My orders", roles: ["customer"], view: showMyOrders },
];

const app = document.getElementById("app") as HTMLElement;
let user: User | null = null;

function showSignIn(message = ""): void {
  user = null;
  const form = specForm({
    operation: "login", submit: "Sign in",
    onSubmit: async (body) => {
      await signIn(String(body.email), String(body.password));
      await start();
    },
  });
  mount(app, h("main", { class: "sign-in" },
    h("h1", null, "orderd console"),
    message ? h("p", { class: "notice", role: "status" }, message) : null,
    form));
  (form.querySelector("input") as HTMLInputElement).focus();
}

function currentRoute(): Route | undefined {
  const allowed = routes.filter((route) => user && route.roles.includes(user.role));
  const wanted = location.hash.replace(/^#\/?/, "");
  return allowed.find((route) => route.path === wanted) || allowed[0];
}

function render(): void {
  if (!user) return;
  const route = currentRoute();
  const main = h("main", { id: "main", tabindex: "-1" });
  const nav = h("nav", { "aria-label": "Sections" }, routes
    .filter((each) => user && each.roles.includes(user.role))
    .map((each) => h("a", { href: `#/${each.path}`, "aria-current": each === route ? "page" : false }, each.title)));
  mount(app, h("header", { class: "top" },
    h("a", { class: "skip", href: "#main" }, "Skip to content"),
    h("strong", { class: "brand" }, "orderd"), nav,
    h("span", { class: "who" }, `${user.name} (${user.role})`),
    h("button", { type: "button", class: "link", onclick: async () => {
      await signOut().catch(() => undefined);
      showSignIn("You are signed out.");
    } }, "Sign out")), main);
  if (route) route.view(main, user);
  else main.append(h("p", null, "Nothing here for your role."));
}

async function start(): Promise<void> {
  user = await call<User>("GET", "/users/me");
  render();
}

whenSignedOut((message) => showSignIn(message));
window.addEventListener("hashchange", () => { if (user && location.hash !== "#main") render(); });
// A refused refresh has shown its own message (whenSignedOut) already.
if (hasSession()) start().catch(() => { if (!document.querySelector("main.sign-in")) showSignIn(); });
else showSignIn();
