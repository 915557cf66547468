// spec.ts - what the console knows of the spec, read at build time from
// the OpenAPI document the compiler emits (web/console/build.mjs writes
// gen/spec.json): each request body's field rules, the enums, and the
// lifecycle's transitions with who may make them.
import spec from "../gen/spec.json";

export type FieldRule = {
  required: boolean;
  type: string; // string, integer, number, money, boolean
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  pattern?: string;
  format?: string;
  default?: unknown;
  items?: Record<string, FieldRule>; // an array of objects: each item's fields
  minItems?: number;
  maxItems?: number;
};

export type Transition = {
  operation: string;
  method: string;
  path: string;
  from: string[];
  to: string;
  by: string[];
  summary: string;
};

const bodies = spec.bodies as unknown as Record<string, Record<string, FieldRule>>;

export function bodyRules(operation: string): Record<string, FieldRule> {
  const rules = bodies[operation];
  if (!rules) throw new Error(`the OpenAPI document has no body for ${operation}`);
  return rules;
}

export function enumValues(name: string): string[] {
  return (spec.enums as Record<string, string[]>)[name] || [];
}

/* The transitions `role` may make from `status` (an order's owner is a
 * customer: customers see only their own orders). */
export function transitionsFrom(status: string, role: string): Transition[] {
  return (spec.transitions as Transition[]).filter((transition) =>
    transition.from.includes(status) &&
    (transition.by.includes(role) || (role === "customer" && transition.by.includes("owner"))));
}
