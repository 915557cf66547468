// validate.ts - checks a form's values against the spec's rules for its
// body (spec.ts) before anything is sent: required, lengths, ranges,
// enums, patterns. Messages are worded as the API words its own 400s.
import type { FieldRule } from "./spec";

const encoder = new TextEncoder();

function checkText(rule: FieldRule, text: string): string | null {
  const length = rule.format === "password" ? encoder.encode(text).length : [...text].length;
  const unit = rule.format === "password" ? "bytes" : "characters";
  if (rule.minLength !== undefined && length < rule.minLength)
    return rule.minLength === 1 ? "This field may not be blank."
      : `Ensure this field has at least ${rule.minLength} ${unit}.`;
  if (rule.maxLength !== undefined && length > rule.maxLength)
    return `Ensure this field has no more than ${rule.maxLength} ${unit}.`;
  if (rule.format === "email" && !/^[^@\s]+@[^@\s]+$/.test(text)) return "Enter a valid email address.";
  return null;
}

function checkNumber(rule: FieldRule, text: string): string | null {
  if (rule.type === "integer" && !/^-?[0-9]+$/.test(text)) return "A valid integer is required.";
  if (rule.type === "money" && rule.pattern && !new RegExp(rule.pattern).test(text))
    return "Enter an amount with at most two decimals, such as 12.50.";
  if (rule.type === "number" && Number.isNaN(Number(text))) return "A valid number is required.";
  const value = Number(text);
  if (rule.minimum !== undefined && value < rule.minimum)
    return `Ensure this value is greater than or equal to ${rule.minimum}.`;
  if (rule.maximum !== undefined && value > rule.maximum)
    return `Ensure this value is less than or equal to ${rule.maximum}.`;
  return null;
}

/* The message for one field's text, or null when it is valid. An empty
 * text is "absent". */
export function checkField(rule: FieldRule, text: string): string | null {
  if (text === "") return rule.required ? "This field is required." : null;
  if (rule.enum && !rule.enum.includes(text)) return `"${text}" is not a valid choice.`;
  if (rule.type === "integer" || rule.type === "number" || rule.type === "money") return checkNumber(rule, text);
  if (rule.type === "string") return checkText(rule, text);
  return null;
}

/* The JSON value of a valid field's text. */
export function fieldValue(rule: FieldRule, text: string): unknown {
  if (rule.type === "integer") return Number.parseInt(text, 10);
  if (rule.type === "number") return Number(text);
  return text; // money stays a string: it never passes through a float
}
