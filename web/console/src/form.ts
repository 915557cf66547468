// form.ts - a form for one operation's request body, made from the spec's
// rules (spec.ts): a labelled control per field (a select for an enum, a
// checkbox for a boolean), the spec's checks on submit (validate.ts), and
// the server's answer mapped back: a 400's fields under the fields they
// name, any other error (409s included) in the form's alert, as the API
// words it. A partial form (a PATCH) sends only what differs from its
// baseline: the first values, then after each save the saved values
// (what onSubmit resolves with), so a second save sends only what changed
// since the first.
import { ApiError } from "./api";
import { h, uniqueId } from "./dom";
import { bodyRules, type FieldRule } from "./spec";
import { checkField, fieldValue } from "./validate";

export type FormOptions = {
  operation: string;
  fields?: string[]; // the order to show fields in (the rest follow)
  labels?: Record<string, string>;
  values?: Record<string, unknown>;
  partial?: boolean; // a PATCH: send only the fields that changed
  submit: string;
  // Resolves with the saved values (the new baseline of a partial form).
  onSubmit: (body: Record<string, unknown>) => Promise<Record<string, unknown> | void>;
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Field = { name: string; rule: FieldRule; control: Control; error: HTMLElement; initial: string };

function label(name: string): string {
  const text = name.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function makeControl(name: string, rule: FieldRule, initial: string): Control {
  const common = { name, id: uniqueId(`field-${name}`) };
  if (rule.enum)
    return h("select", common, rule.required ? null : h("option", { value: "" }, "-"),
      rule.enum.map((choice) => h("option", { value: choice, selected: choice === initial }, choice)));
  if (rule.type === "boolean") return h("input", { ...common, type: "checkbox", checked: initial === "true" });
  if (rule.type === "string" && (rule.maxLength || 0) > 500) return h("textarea", { ...common, rows: 3, value: initial });
  const type = rule.format === "password" ? "password" : rule.format === "email" ? "email"
    : rule.format === "date" ? "date" : "text";
  const inputMode = rule.type === "integer" ? "numeric" : rule.type === "money" ? "decimal" : undefined;
  return h("input", { ...common, type, inputmode: inputMode, value: initial,
    autocomplete: rule.format === "password" ? "current-password" : rule.format === "email" ? "username" : "off" });
}

function initialText(rule: FieldRule, value: unknown): string {
  if (value === undefined || value === null) {
    if (rule.type === "boolean") return rule.default === false ? "false" : "true";
    return "";
  }
  return String(value);
}

function textOf(field: Field): string {
  if (field.control instanceof HTMLInputElement && field.control.type === "checkbox")
    return field.control.checked ? "true" : "false";
  return field.control.value.trim() === "" && field.rule.format !== "password" ? "" : field.control.value;
}

/* Makes saved the baseline: each field it names shows its saved value. */
function rebase(fields: Field[], saved: Record<string, unknown>): void {
  for (const field of fields) {
    if (!(field.name in saved)) continue;
    field.initial = initialText(field.rule, saved[field.name]);
    if (field.control instanceof HTMLInputElement && field.control.type === "checkbox")
      field.control.checked = field.initial === "true";
    else field.control.value = field.initial;
  }
}

function showError(field: Field, message: string | null): void {
  field.error.textContent = message || "";
  field.control.setAttribute("aria-invalid", message ? "true" : "false");
}

/* The body to send, or null when a field is invalid (its message shown). */
function collect(fields: Field[], partial: boolean): Record<string, unknown> | null {
  const body: Record<string, unknown> = {};
  let valid = true;
  for (const field of fields) {
    const text = textOf(field);
    if (partial && text === field.initial) continue;
    const message = checkField(partial ? { ...field.rule, required: false } : field.rule, text);
    showError(field, message);
    if (message) valid = false;
    else if (field.rule.type === "boolean") body[field.name] = text === "true";
    else if (text !== "") body[field.name] = fieldValue(field.rule, text);
    else if (partial && field.rule.nullable) body[field.name] = null;
  }
  return valid ? body : null;
}

function showServerError(fields: Field[], alert: HTMLElement, error: unknown): void {
  if (!(error instanceof ApiError)) {
    alert.textContent = "The server could not be reached. Try again.";
    return;
  }
  let shown = 0;
  for (const field of fields) {
    const messages = error.fields[field.name];
    if (messages) {
      showError(field, messages.join(" "));
      shown += 1;
    }
  }
  alert.textContent = shown === Object.keys(error.fields).length && shown > 0 ? "" : error.message;
}

export function specForm(options: FormOptions): HTMLFormElement {
  const rules = bodyRules(options.operation);
  // The fields asked for first, in that order (those the spec still has),
  // then any other the spec's body has, so a field added in spec/ appears.
  const asked = (options.fields || []).filter((name) => rules[name]);
  const names = [...asked, ...Object.keys(rules).filter((name) => !asked.includes(name))];
  const alert = h("p", { class: "form-alert", role: "alert" });
  const fields: Field[] = names.map((name) => {
    const rule = rules[name];
    const initial = initialText(rule, options.values ? options.values[name] : undefined);
    const control = makeControl(name, rule, initial);
    const error = h("span", { class: "field-error", id: `${control.id}-error` });
    control.setAttribute("aria-describedby", error.id);
    if (rule.required && !options.partial) control.setAttribute("aria-required", "true");
    return { name, rule, control, error, initial };
  });
  const button = h("button", { type: "submit" }, options.submit);
  const form = h("form", {
    class: "spec-form", novalidate: true, "data-operation": options.operation,
    onsubmit: async (event: Event) => {
      event.preventDefault();
      alert.textContent = "";
      const body = collect(fields, options.partial === true);
      if (!body) return;
      button.disabled = true;
      try {
        const saved = await options.onSubmit(body);
        if (saved) rebase(fields, saved);
      } catch (error) {
        showServerError(fields, alert, error);
      } finally {
        button.disabled = false;
      }
    },
  }, fields.map((field) => h("div", { class: field.rule.type === "boolean" ? "field check" : "field" },
    h("label", { for: field.control.id },
      (options.labels && options.labels[field.name]) || label(field.name),
      field.rule.required && !options.partial ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null),
    field.control, field.error)), alert, h("div", { class: "actions" }, button));
  return form;
}
