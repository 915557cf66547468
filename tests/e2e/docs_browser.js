// tests/e2e/docs_browser.js BASE_URL ACCESS_TOKEN SCREENSHOT - drives the
// Swagger UI of /api/docs/ in headless Chromium as a person would: opens
// the page, authorizes with the bearer token, runs GET /users/me with
// "Try it out" and "Execute", and saves a screenshot. Prints one JSON line:
// {"status": the status the page shows, "authorization": the header the
// browser sent}. Run by test_docs.py; uses Debian's chromium through
// playwright-core (web/node_modules, pinned) with --no-sandbox (root).
"use strict";

const path = require("path");
const root = path.resolve(__dirname, "..", "..");
const { chromium } = require(path.join(root, "web", "node_modules", "playwright-core"));

const TIMEOUT_MS = 30000;

async function run(baseUrl, token, screenshot) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    let authorization = null;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/users/me")) {
        authorization = request.headers()["authorization"] || null;
      }
    });
    await page.goto(baseUrl + "/api/docs/");
    // Authorize: the bearerAuth scheme's dialog takes the raw token.
    await page.click(".scheme-container button.authorize");
    await page.fill(".modal-ux input[type=text]", token);
    await page.click(".modal-ux .auth-btn-wrapper button.authorize");
    await page.click(".modal-ux .auth-btn-wrapper button.btn-done");
    // GET /users/me: expand, try it out, execute.
    const operation = page.locator(".opblock-get", {
      has: page.locator('.opblock-summary-path[data-path="/users/me"]'),
    });
    await operation.locator(".opblock-summary").first().click();
    await operation.locator("button.try-out__btn").click();
    await operation.locator("button.execute").click();
    const status = operation.locator(".live-responses-table .response .response-col_status").first();
    await status.waitFor();
    const shown = (await status.innerText()).trim();
    await page.screenshot({ path: screenshot, fullPage: false });
    return { status: shown, authorization: authorization };
  } finally {
    await browser.close();
  }
}

const [baseUrl, token, screenshot] = process.argv.slice(2);
run(baseUrl, token, screenshot).then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  },
);
