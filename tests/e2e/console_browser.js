// tests/e2e/console_browser.js BASE_URL ARTIFACT_DIR ACCOUNTS_JSON - the
// staff console's whole story in headless Chromium, as people would use
// it (README, Console), run by test_console.py:
//
//   the admin signs in with the keyboard only and promotes a user to staff;
//   staff see an estimated product count as "about N", meet a validation
//   message that comes from the spec, create a product with stock, edit it
//   twice in the same drawer (each PATCH sends only what changed since the
//   last save, with If-Match; a change from elsewhere makes the next one a
//   412, and the drawer shows the product as it is now), and see a 409 (the SKU taken) in the API's
//   words; a customer orders it from the catalog (the first POST's answer
//   is lost to a network error: the retry carries the same
//   Idempotency-Key and is replayed); staff open an order with the
//   keyboard only (Tab stays in the drawer, Escape gives focus back to the
//   row), confirm it (a drawer gone stale gets the 412 and shows the order
//   as it is now), ship and deliver it; the product's stock and ledger
//   show the change; the admin's sales chart shows the sale; a reused
//   refresh token signs the user out with a message saying so.
//
// A screenshot of each page goes to ARTIFACT_DIR (and one at a phone's
// size). Any console error or page error fails the run (a CSP violation
// is one), except the browser's own line for an API answer of 4xx that the
// story asks for. Prints one JSON line of what it saw. Uses Debian's
// chromium through playwright-core (web/node_modules, pinned).
"use strict";

const path = require("path");
const root = path.resolve(__dirname, "..", "..");
const { chromium } = require(path.join(root, "web", "node_modules", "playwright-core"));

const TIMEOUT_MS = 30000;
const [baseUrl, artifacts, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);
const problems = [];
const seen = {};
let networkFailuresExpected = 0; // the browser's line for a request the story makes fail

async function api(method, route, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + route, { method, headers, body: body && JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

function watch(page, label) {
  page.on("pageerror", (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    if (/^Failed to load resource: net::ERR_FAILED/.test(text) && networkFailuresExpected > 0) {
      networkFailuresExpected -= 1;
      return;
    }
    problems.push(`${label}: console error: ${text}`);
  });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

// Waits until every list on the page has shown its latest load.
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
}

async function signIn(page, account) {
  await page.goto(`${baseUrl}/console/`);
  await page.fill("form[data-operation=login] [name=email]", account.email);
  await page.fill("form[data-operation=login] [name=password]", account.password);
  await page.click("form[data-operation=login] button[type=submit]");
  await page.waitForSelector("header.top .who");
}

async function signOut(page) {
  await page.click("header.top button:has-text('Sign out')");
  await page.waitForSelector("form[data-operation=login]");
}

async function keyboardSignIn(page, account) {
  await page.goto(`${baseUrl}/console/`);
  await page.waitForSelector("form[data-operation=login]");
  // The email field has the focus on arrival; nothing is clicked.
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await page.waitForSelector("header.top .who");
  seen.keyboardSignIn = (await page.innerText("header.top .who")).trim();
}

async function promote(page, email) {
  await page.click("nav a:has-text('Users')");
  await page.fill("input[name=email]", email);
  await page.press("input[name=email]", "Enter");
  await settled(page);
  const cell = page.locator(`.role-cell[data-email="${email}"]`);
  await cell.waitFor();
  await cell.locator("select").selectOption("staff");
  await cell.locator("button").click();
  await page.click("dialog.confirm button.danger");
  await page.waitForSelector(`.role-cell[data-email="${email}"] select >> nth=0`);
  await page.waitForFunction((mail) => {
    const select = document.querySelector(`.role-cell[data-email="${mail}"] select`);
    return select && select.value === "staff";
  }, email);
  await shot(page, "02-admin-users");
}

async function createProduct(page, product, staff) {
  await page.click("nav a:has-text('Products')");
  await settled(page);
  // More products than LIST_COUNT_EXACT_LIMIT (test_console.py): an estimate.
  seen.productsEstimate = await page.getAttribute(".pager [data-estimate]", "data-estimate");
  seen.productsPager = (await page.innerText(".pager [data-estimate]")).trim();
  await page.click("button:has-text('New product')");
  const form = page.locator("form[data-operation=createProduct]");
  let posted = 0;
  const count = (request) => { if (request.method() === "POST" && request.url().endsWith("/products")) posted += 1; };
  page.on("request", count);
  // The spec's rules, checked before anything is sent.
  await form.locator("[name=sku]").fill("S".repeat(65));
  await form.locator("[name=name]").fill(product.name);
  await form.locator("[name=price]").fill("12.345");
  await form.locator("button[type=submit]").click();
  seen.skuMessage = (await form.locator("[name=sku] ~ .field-error").innerText()).trim();
  seen.priceMessage = (await form.locator("[name=price] ~ .field-error").innerText()).trim();
  seen.postsWhileInvalid = posted;
  await shot(page, "03-staff-product-validation");
  await form.locator("[name=sku]").fill(product.sku);
  await form.locator("[name=price]").fill(product.price);
  await form.locator("[name=stock]").fill(String(product.stock));
  await form.locator("[name=description]").fill("Made by the browser test");
  await form.locator("button[type=submit]").click();
  await page.waitForSelector(`.drawer .stock[data-stock="${product.stock}"]`);
  page.off("request", count);
  await shot(page, "04-staff-product-created");
  await editTwice(page);
  await staleEdit(page, product, staff);
  // The same SKU again: the server's 409, in its words.
  await page.keyboard.press("Escape");
  await page.click("button:has-text('New product')");
  const again = page.locator("form[data-operation=createProduct]");
  await again.locator("[name=sku]").fill(product.sku.toLowerCase());
  await again.locator("[name=name]").fill("Duplicate");
  await again.locator("[name=price]").fill("1.00");
  await again.locator("button[type=submit]").click();
  const alert = again.locator(".form-alert");
  await alert.filter({ hasText: /./ }).waitFor();
  seen.duplicateSku = (await alert.innerText()).trim();
  await shot(page, "05-staff-product-409");
  await page.keyboard.press("Escape");
}

// Two saves in the created product's drawer: each PATCH body holds only
// the field changed since the previous save, with the version read as If-Match.
async function editTwice(page) {
  const form = page.locator(".drawer form[data-operation=updateProduct]");
  const patches = [];
  const record = (request) => {
    if (request.method() === "PATCH") patches.push({ body: request.postDataJSON(), ifMatch: request.headers()["if-match"] });
  };
  page.on("request", record);
  const save = async () => {
    const answered = page.waitForResponse((response) => response.request().method() === "PATCH");
    await form.locator("button[type=submit]").click();
    await answered;
    await page.waitForFunction(() => !document.querySelector(".drawer form[data-operation=updateProduct] button[disabled]"));
  };
  await form.locator("[name=description]").fill("Edited once");
  await save();
  await form.locator("[name=low_stock_threshold]").fill("1");
  await save();
  page.off("request", record);
  seen.patches = patches;
  seen.descriptionShown = await form.locator("[name=description]").inputValue();
  await shot(page, "14-staff-product-second-save");
}

// Another session changes the product: this drawer's next save gets the
// 412, says so and shows the product as it is now.
async function staleEdit(page, product, staff) {
  const token = (await api("POST", "/users/login", staff)).body.access;
  const found = await api("GET", `/products?sku=${product.sku}`, null, token);
  const other = { description: "Changed elsewhere" };
  seen.otherEdit = (await api("PATCH", `/products/${found.body.results[0].uid}`, other, token)).status;
  await page.locator(".drawer form[data-operation=updateProduct] [name=low_stock_threshold]").fill("2");
  await page.click(".drawer form[data-operation=updateProduct] button[type=submit]");
  await page.locator(".drawer .notice.stale").waitFor();
  seen.staleProduct = (await page.innerText(".drawer .notice.stale")).trim();
  const form = page.locator(".drawer form[data-operation=updateProduct]");
  seen.staleProductShown = [await form.locator("[name=description]").inputValue(),
    await form.locator("[name=low_stock_threshold]").inputValue()];
}

// Places the order; the first POST reaches the server but its answer is
// lost (the browser sees a network error): the console sends it again
// with the same Idempotency-Key and gets the stored answer.
async function placeThroughNetworkError(page) {
  const posts = [];
  let dropped = false;
  await page.route("**/orders", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    posts.push({ key: request.headers()["idempotency-key"] });
    if (dropped) return route.continue();
    dropped = true;
    const answer = await route.fetch(); // the server does the work
    posts[0].status = answer.status();
    networkFailuresExpected += 1;
    return route.abort("failed"); // and the answer never arrives
  });
  const replayed = page.waitForResponse((response) =>
    response.request().method() === "POST" && response.url().endsWith("/orders"));
  await page.click(".cart button:has-text('Place order')");
  const second = await replayed;
  posts[posts.length - 1].status = second.status();
  posts[posts.length - 1].replayed = second.headers()["idempotent-replayed"] || null;
  await page.unroute("**/orders");
  seen.orderPosts = posts;
}

async function orderFromCatalog(page, product) {
  await page.fill("input[name=q]", product.name);
  await page.press("input[name=q]", "Enter");
  await settled(page);
  const quantity = page.locator(`input[name="quantity-${product.sku}"]`);
  await quantity.fill("0"); // below the spec's minimum for an item's quantity
  await page.click(`button:has-text("Add ${product.sku}")`);
  seen.quantityMessage = (await page.innerText(".add .field-error")).trim();
  await quantity.fill("2");
  await page.click(`button:has-text("Add ${product.sku}")`);
  await page.waitForSelector(".cart h2:has-text('Cart (1)')");
  await shot(page, "06-customer-cart");
  await placeThroughNetworkError(page);
  const outcome = await Promise.race([
    page.waitForSelector(".cart .notice").then(() => "placed"),
    page.waitForSelector(".cart .form-alert:not(:empty)").then(() => "refused"),
  ]);
  if (outcome !== "placed") {
    throw new Error(`the catalog order was refused: ${await page.innerText(".cart .form-alert")}`);
  }
  await page.click("nav a:has-text('My orders')");
  await page.waitForSelector("td .status-pending");
  await shot(page, "07-customer-orders");
}

async function openFirstOrder(page, status) {
  await page.click(`button.count[data-count=${status}]`);
  await page.waitForFunction(() => document.querySelector("select[name=status]").value !== "");
  await settled(page);
  const row = page.locator(`tr.clickable:has(.status-${status})`).first();
  await row.waitFor();
  await row.focus();
  await page.keyboard.press("Enter"); // rows open with the keyboard
  await page.waitForSelector(`.drawer [data-status=${status}]`);
}

async function transition(page, to) {
  await page.click(`.drawer button[data-transition=${to}]`);
  await page.click("dialog.confirm button.danger");
}

// Where the focus is: "drawer" (inside it), the focused row's key, or a tag.
function focusPlace() {
  const at = document.activeElement;
  if (at && at.closest("aside.drawer")) return "drawer";
  if (at && at.matches("tr[data-key]")) return `row:${at.dataset.key}`;
  return at ? at.tagName : "none";
}

// Keyboard only: Tab to the first order row, Enter opens its drawer, Tab
// and Shift+Tab never leave it, Escape closes it and the row has the focus.
async function drawerByKeyboard(page) {
  await page.click("nav a:has-text('Orders')");
  await settled(page);
  await page.locator("main#main").focus(); // the top of the page (what "Skip to content" reaches)
  let place = "";
  for (let presses = 0; presses < 60 && !place.startsWith("row:"); presses += 1) {
    await page.keyboard.press("Tab");
    place = await page.evaluate(focusPlace);
  }
  seen.rowReachedByTab = place.startsWith("row:");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".drawer [data-status]");
  const places = new Set();
  for (let presses = 0; presses < 12; presses += 1) {
    await page.keyboard.press("Tab");
    places.add(await page.evaluate(focusPlace));
  }
  for (let presses = 0; presses < 12; presses += 1) {
    await page.keyboard.press("Shift+Tab");
    places.add(await page.evaluate(focusPlace));
  }
  seen.focusWhileOpen = [...places];
  await page.keyboard.press("Escape");
  await page.waitForSelector(".drawer", { state: "detached" });
  seen.focusAfterEscape = (await page.evaluate(focusPlace)) === place ? "the row" : await page.evaluate(focusPlace);
}

async function runLifecycle(page, staffToken) {
  await drawerByKeyboard(page);
  await openFirstOrder(page, "pending");
  const uid = (await page.innerText(".drawer h2")).replace("Order ", "").trim();
  seen.pendingActions = await page.$$eval(".drawer [data-transition]", (all) => all.map((b) => b.dataset.transition));
  // Someone else confirms it meanwhile: this drawer's If-Match is stale, 412.
  const list = await api("GET", "/orders?status=pending&page_size=100", null, staffToken);
  const order = list.body.results.find((each) => each.uid.startsWith(uid));
  seen.otherConfirm = (await api("PATCH", `/orders/${order.uid}/confirm`, null, staffToken)).status;
  const sent = [];
  const record = (request) => {
    if (request.method() === "PATCH") sent.push({ ifMatch: request.headers()["if-match"] || null,
      key: request.headers()["idempotency-key"] || null });
  };
  page.on("request", record);
  await transition(page, "confirmed");
  await page.locator(".drawer .notice.stale").waitFor();
  seen.staleConfirm = (await page.innerText(".drawer .notice.stale")).trim();
  await page.waitForSelector(".drawer [data-status=confirmed]"); // shown as it is now
  seen.staleAfterReload = await page.$$eval(".drawer [data-transition]", (all) => all.map((b) => b.dataset.transition));
  await shot(page, "08-staff-order-412");
  await transition(page, "shipped");
  await page.waitForSelector(".drawer [data-status=shipped]");
  await transition(page, "delivered");
  await page.waitForSelector(".drawer [data-status=delivered]");
  page.off("request", record);
  seen.transitionHeaders = sent;
  seen.deliveredActions = await page.$$eval(".drawer [data-transition]", (all) => all.length);
  await shot(page, "09-staff-order-delivered");
  await page.keyboard.press("Escape");
  return order.uid;
}

async function checkStock(page, product) {
  await page.click("nav a:has-text('Products')");
  await page.fill("input[name=q]", product.name);
  await page.press("input[name=q]", "Enter");
  await settled(page);
  const row = page.locator(`tr.clickable:has-text("${product.sku}")`);
  await row.click();
  await page.waitForSelector(".drawer .ledger tbody tr");
  seen.stockAfter = Number(await page.getAttribute(".drawer .stock", "data-stock"));
  seen.ledger = await page.$$eval(".drawer .ledger tbody tr", (rows) =>
    rows.map((row) => [row.cells[1].textContent, row.cells[2].textContent]));
  await shot(page, "10-staff-product-ledger");
  await page.keyboard.press("Escape");
}

async function checkSales(page) {
  await page.click("nav a:has-text('Reports')");
  await page.waitForSelector("svg.chart.sales .bar");
  const today = new Date().toISOString().slice(5, 10);
  seen.salesToday = await page.getAttribute(`svg.chart.sales .bar[data-label="${today}"]`, "data-value");
  seen.salesTotal = await page.getAttribute("[data-total]", "data-total");
  await page.waitForSelector("svg.chart.statuses .bar");
  await shot(page, "11-admin-reports");
}

async function reuseSignsOut(browser, account) {
  const page = await browser.newPage();
  watch(page, "reuse");
  await signIn(page, account);
  const refresh = await page.evaluate(() => sessionStorage.getItem("orderd.refresh"));
  seen.rotated = (await api("POST", "/users/token/refresh", { refresh })).status;
  await page.reload(); // the access token was in memory only: the page must refresh, with a used token
  await page.waitForSelector("main.sign-in .notice");
  seen.reuseMessage = (await page.innerText("main.sign-in .notice")).trim();
  await shot(page, "12-session-ended");
  await page.close();
}

async function phone(browser, account) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  watch(page, "phone");
  await signIn(page, account);
  await page.waitForSelector("tr.clickable");
  seen.phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await shot(page, "13-phone-orders");
  await page.close();
}

async function run() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    watch(page, "main");
    await keyboardSignIn(page, accounts.admin);
    await shot(page, "01-admin-orders");
    await promote(page, accounts.staff.email);
    await signOut(page);
    seen.signedOutMessage = (await page.innerText("main.sign-in .notice")).trim();
    await signIn(page, accounts.staff);
    await createProduct(page, accounts.product, accounts.staff);
    await signOut(page);
    await signIn(page, accounts.customer);
    await orderFromCatalog(page, accounts.product);
    await signOut(page);
    await signIn(page, accounts.staff);
    const staffToken = (await api("POST", "/users/login", accounts.staff)).body.access;
    seen.order = await runLifecycle(page, staffToken);
    await checkStock(page, accounts.product);
    await signOut(page);
    await signIn(page, accounts.admin);
    await checkSales(page);
    await phone(browser, accounts.admin);
    await reuseSignsOut(browser, accounts.customer);
  } finally {
    await browser.close();
  }
  seen.problems = problems;
  return seen;
}

run().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    console.error(`seen so far: ${JSON.stringify(seen)}; problems: ${JSON.stringify(problems)}`);
    process.exit(1);
  },
);
