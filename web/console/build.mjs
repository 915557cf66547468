// web/console/build.mjs - builds the staff console (README, Console) into
// OUT (default build/console) from web/console/src and the OpenAPI
// document the compiler emits (generated/openapi.json):
//
//   1. openapi-typescript turns the document into gen/openapi.d.ts (the
//      API's types, which the sources import);
//   2. gen/spec.json takes from it what the forms and the order drawer
//      follow: each request body's fields (type, required, lengths, ranges,
//      enum, pattern), the enums, and each lifecycle transition (x-lifecycle:
//      operation, from, to, by), so a constraint changed in spec/ changes
//      the console's validation with no hand edit;
//   3. tsc --noEmit checks the sources against those types;
//   4. esbuild bundles and minifies src/main.ts and src/style.css;
//   5. the outputs are named by a hash of their content, index.html links
//      them, and console.manifest lists what orderd serves (rt_static.h).
// Nothing depends on the time or the machine: the same inputs give the
// same bytes. Runs offline once `npm ci` has installed web/node_modules.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = path.join(here, "../node_modules/.bin");
const out = path.resolve(root, process.argv[2] || "build/console");
const openapiPath = path.join(root, "generated/openapi.json");
const gen = path.join(here, "gen");

// Runs a tool quietly; its output is shown when it fails.
function run(tool, args) {
  try {
    execFileSync(path.join(bin, tool), args, { stdio: "pipe", cwd: here });
  } catch (error) {
    process.stderr.write(`${error.stdout || ""}${error.stderr || ""}`);
    throw new Error(`${tool} failed`);
  }
}

function resolveRef(document, schema) {
  if (!schema || !schema.$ref) return schema;
  const name = schema.$ref.split("/").pop();
  return document.components.schemas[name];
}

// One field's rules, as src/validate.ts reads them.
function fieldRules(document, property, required) {
  const schema = resolveRef(document, property);
  const types = [].concat(schema.type || []);
  const rule = { required, type: types.find((t) => t !== "null") || "string" };
  if (types.includes("null")) rule.nullable = true;
  if (types.includes("string") && types.includes("number")) rule.type = "money";
  const item = resolveRef(document, schema.items);
  if (types.includes("array") && item && item.properties) {
    const required = new Set(item.required || []);
    rule.items = Object.fromEntries(Object.entries(item.properties)
      .map(([name, each]) => [name, fieldRules(document, each, required.has(name))]));
  }
  for (const key of ["minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "enum", "pattern", "format", "default"])
    if (schema[key] !== undefined) rule[key] = schema[key];
  return rule;
}

function extractSpec(document) {
  const bodies = {};
  const transitions = [];
  for (const [route, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || !operation.operationId) continue;
      const content = operation.requestBody && operation.requestBody.content["application/json"];
      if (content) {
        // A body of several shapes (oneOf: the spec's either { } or { })
        // gives every shape's fields, each with its own shape's rules.
        const schema = resolveRef(document, content.schema);
        const fields = {};
        for (const shape of (schema.oneOf || [schema]).map((each) => resolveRef(document, each))) {
          const required = new Set(shape.required || []);
          for (const [name, property] of Object.entries(shape.properties || {}))
            fields[name] = fields[name] || fieldRules(document, property, required.has(name));
        }
        bodies[operation.operationId] = fields;
      }
      for (const change of operation["x-lifecycle"] || [])
        transitions.push({ operation: operation.operationId, method: method.toUpperCase(), path: route,
                           from: change.from, to: change.to, by: change.by, summary: operation.summary });
    }
  }
  const enums = {};
  for (const [name, schema] of Object.entries(document.components.schemas))
    if (schema.enum) enums[name] = schema.enum;
  return { bodies, transitions, enums };
}

function hashed(name, data) {
  const digest = createHash("sha256").update(data).digest("hex").slice(0, 12);
  const dot = name.lastIndexOf(".");
  return `${name.slice(0, dot)}.${digest}${name.slice(dot)}`;
}

async function main() {
  const document = JSON.parse(fs.readFileSync(openapiPath, "utf8"));
  fs.mkdirSync(gen, { recursive: true });
  run("openapi-typescript", [openapiPath, "--output", path.join(gen, "openapi.d.ts"), "--silent"]);
  fs.writeFileSync(path.join(gen, "spec.json"), JSON.stringify(extractSpec(document), null, 1) + "\n");
  run("tsc", ["--noEmit", "-p", here]);

  const esbuild = createRequire(import.meta.url)("esbuild"); // web/node_modules
  const built = await esbuild.build({
    entryPoints: [path.join(here, "src/main.ts"), path.join(here, "src/style.css")],
    bundle: true, minify: true, write: false, target: "es2020", format: "iife",
    outdir: "/", legalComments: "none", charset: "utf8", logLevel: "warning",
  });
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const names = {};
  let gzipped = 0;
  for (const file of built.outputFiles) {
    const name = hashed(path.basename(file.path).replace(/^main/, "console").replace(/^style/, "console"), file.contents);
    fs.writeFileSync(path.join(out, name), file.contents);
    names[path.extname(file.path)] = name;
    gzipped += zlib.gzipSync(file.contents, { level: 9 }).length;
  }
  const html = fs.readFileSync(path.join(here, "index.html"), "utf8")
    .replace("CONSOLE_JS", names[".js"]).replace("CONSOLE_CSS", names[".css"]);
  fs.writeFileSync(path.join(out, "index.html"), html);
  gzipped += zlib.gzipSync(html, { level: 9 }).length;
  fs.writeFileSync(path.join(out, "console.manifest"),
    "# the files of /console/ (runtime/rt_static.h), written by web/console/build.mjs\n" +
    "no-cache index.html index.html\n" +
    `immutable ${names[".js"]} ${names[".js"]}\n` +
    `immutable ${names[".css"]} ${names[".css"]}\n`);
  console.log(`  ${path.relative(root, out)}/: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}

main().catch((error) => {
  console.error(`console: build failed: ${error.message}`);
  process.exit(1);
});
