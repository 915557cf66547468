// api.ts - the console's way to the public API (README, The API): one
// call() that sends JSON with the access token, turns every error into an
// ApiError carrying the API's own words (status, code, message, fields),
// and on a 401 refreshes the tokens once and retries. request() also
// sends If-Match (the ETag a view read) and Idempotency-Key (one per user
// action: actionKey()), and gives back the answer's ETag; a write with a
// key that meets a network error is sent again once with the same key, so
// the server replays its answer instead of doing it twice (README, The
// API: Idempotency keys, ETags and conditional writes).
//
// Tokens: the access token lives in memory only; the refresh token in
// memory and in this tab's sessionStorage (so a reload keeps the session,
// closing the tab ends it). Each refresh rotates it as the API requires;
// a refused refresh (a reused or expired token, whose family the server
// has revoked) signs the user out with a message saying so.
import type { components } from "../gen/openapi";

export type Schemas = components["schemas"];
export type User = Schemas["User"];
export type Role = Schemas["UserRole"];
export type Page<T> = { count: number; count_is_estimate?: boolean; next: string | null; previous: string | null;
  results: T[] };
export type Options = { body?: unknown; ifMatch?: string | null; idempotencyKey?: string };

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string,
              public fields: Record<string, string[]> = {}) {
    super(message);
  }
}

const REFRESH_KEY = "orderd.refresh";
let access: string | null = null;
let refresh: string | null = sessionStorage.getItem(REFRESH_KEY);
let refreshing: Promise<void> | null = null;
let onSignedOut: (message: string) => void = () => undefined;

export const SESSION_ENDED =
  "Your session has ended (it was signed out elsewhere, or the refresh token was used twice). Please sign in again.";

export function whenSignedOut(handler: (message: string) => void): void {
  onSignedOut = handler;
}

export function hasSession(): boolean {
  return refresh !== null;
}

function keepTokens(tokens: { access: string; refresh: string } | null): void {
  access = tokens ? tokens.access : null;
  refresh = tokens ? tokens.refresh : null;
  if (refresh) sessionStorage.setItem(REFRESH_KEY, refresh);
  else sessionStorage.removeItem(REFRESH_KEY);
}

/* A fresh version 4 uuid (crypto.getRandomValues works outside secure
 * contexts too, unlike crypto.randomUUID): one per user action. */
export function actionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function sendOnce(method: string, path: string, options: Options, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  return fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

/* Sends; a network error (fetch rejects: no answer came) on a request
 * with an Idempotency-Key is retried once with the same key. */
async function send(method: string, path: string, options: Options, token: string | null): Promise<Response> {
  try {
    return await sendOnce(method, path, options, token);
  } catch (error) {
    if (!options.idempotencyKey) throw error;
    return sendOnce(method, path, options, token);
  }
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const answer = await response.json();
    const error = answer.error || {};
    return new ApiError(response.status, error.code || "error", error.message || response.statusText,
                        error.fields || {});
  } catch {
    return new ApiError(response.status, "error", `The server answered ${response.status}.`);
  }
}

/* Rotates the tokens (one refresh at a time, whatever asks). */
async function rotate(): Promise<void> {
  if (!refreshing) {
    refreshing = (async () => {
      const response = await send("POST", "/users/token/refresh", { body: { refresh } }, null);
      if (!response.ok) {
        keepTokens(null);
        onSignedOut(SESSION_ENDED);
        throw await readError(response);
      }
      keepTokens(await response.json());
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

/* One API request: its JSON answer and ETag, or an ApiError. */
export async function request<T>(method: string, path: string, options: Options = {}): Promise<{ body: T; etag: string | null }> {
  if (!access && refresh) await rotate();
  let response = await send(method, path, options, access);
  if (response.status === 401 && refresh) {
    await rotate();
    response = await send(method, path, options, access);
  }
  if (!response.ok) throw await readError(response);
  return { body: (await response.json()) as T, etag: response.headers.get("ETag") };
}

/* request() for its answer only. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await request<T>(method, path, { body })).body;
}

export async function signIn(email: string, password: string): Promise<void> {
  const response = await send("POST", "/users/login", { body: { email, password } }, null);
  if (!response.ok) throw await readError(response);
  keepTokens(await response.json());
}

export async function signOut(): Promise<void> {
  const token = refresh;
  try {
    if (token) await call("POST", "/users/logout", { refresh: token });
  } finally {
    keepTokens(null);
  }
}

/* A query string from the filters that are set. */
export function query(filters: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== "" && value !== null && value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
