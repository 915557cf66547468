// tools/openapi/client.ts - compiled with `tsc --strict` against the types
// openapi-typescript generates from generated/openapi.json
// (scripts/openapi-check.sh writes them to tools/openapi/build/api.d.ts): the
// names a client uses - operations, component schemas, enums - exist and
// have the shapes the README promises. A renamed operation or schema, or
// an answer that loses its types, fails the compile.
import type { components, operations, paths } from "./build/api";

type Schemas = components["schemas"];
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

type Order = Schemas["Order"];
type OrderPage = Schemas["OrderPage"];
type OrderDetail = Schemas["OrderDetail"];
type OrderLine = Schemas["OrderLine"];
type User = Schemas["User"];
type ApiError = Schemas["ApiError"];

// Operations by their natural names, answering named schemas.
export type ListOrders = Json<operations["listOrders"]["responses"][200]>;
export type CreateOrderBody = Json<operations["createOrder"]["requestBody"]>;
export type Created = Json<operations["createOrder"]["responses"][201]>;
export type Cancelled = Json<operations["cancelOrder"]["responses"][200]>;
export type Detail = Json<operations["getOrder"]["responses"][200]>;
export type Me = Json<operations["getCurrentUser"]["responses"][200]>;
export type Tokens = Json<operations["login"]["responses"][200]>;
export type Refreshed = Json<operations["refreshToken"]["responses"][200]>;
export type Role = Json<operations["setUserRole"]["requestBody"]>["role"];
export type Registered = Json<operations["registerUser"]["responses"][201]>;
export type LoggedOut = Json<operations["logout"]["responses"][200]>;
export type NotFound = Json<operations["getOrder"]["responses"][404]>;

const role: Role = "staff";
const line: OrderLine = { sku: null, product_name: "Tea", quantity: 2, unit_price: "24.95", amount: "49.90" };
const order: Order = {
    uid: "3f0e1c1e-8d1a-4b8e-9c53-7d1f3c5b2a10",
    product_name: "Tea",
    quantity: 2,
    amount: "49.90",
    status: "pending",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    lines: [line],
};
const page: ListOrders = { count: 1, next: null, previous: null, results: [order] };
const samePage: OrderPage = page;

// The list's lines are typed like the detail's: an OrderLine's fields.
export function firstPrice(p: OrderPage): string | undefined {
    return p.results[0]?.lines?.[0]?.unit_price;
}

export function describe(detail: OrderDetail): string {
    const last = detail.history[detail.history.length - 1];
    return `${detail.status} (${detail.lines.length} lines, last change to ${last?.to})`;
}

export function errorCode(error: ApiError): Schemas["ErrorCode"] {
    return error.error.code;
}

const body: CreateOrderBody = { product_name: "Tea", quantity: 2, amount: "49.90" };
// the other shape of the same body: catalog items (no prices)
const catalogBody: CreateOrderBody = { items: [{ sku: "TEA-9", quantity: 2 }] };
// an item's errors nest in its place
const nested: ApiError = {
  error: { status: 400, code: "validation_error", message: "Invalid input.",
           fields: { items: [{}, { quantity: ["Ensure this value is less than or equal to 10000."] }] } },
};
const me: User = { id: order.uid, name: "Ann", email: "ann@example.com", role, created_at: order.created_at };
const tokens: Tokens = { message: "Login successful", access: "a", refresh: "r" };
const refreshed: Refreshed = tokens;
const notFound: NotFound = { error: { status: 404, code: "not_found", message: "Order not found" } };

export const examples: unknown[] = [samePage, body, catalogBody, nested, me, refreshed, notFound];
export type Paths = keyof paths;
