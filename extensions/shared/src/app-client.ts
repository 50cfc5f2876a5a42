import type { TrackingErrorBody } from "./tracking-view";

/** The outcome of one call to the app: the view, or why there is none (never a thrown error). */
export type AppResult<T> = { ok: true; data: T } | { ok: false; error: TrackingErrorBody["error"]; status: number };

const KNOWN_ERRORS: ReadonlySet<string> = new Set([
  "unauthorized",
  "login_required",
  "not_found",
  "bad_request",
  "rate_limited",
  "unavailable",
]);

export interface AppRequest {
  url: string;
  method?: "GET" | "POST";
  /** A bearer token (customer-account session token); admin extensions get theirs added by Shopify. */
  token?: string | null;
  fetch?: typeof fetch;
}

/**
 * Calls a Trackline JSON endpoint from an extension. Network failures and unexpected answers
 * become `unavailable` so the surface can show a calm "try again" instead of breaking the page.
 */
export async function callApp<T>(request: AppRequest): Promise<AppResult<T>> {
  const doFetch = request.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method ?? "GET",
      headers: request.token ? { Authorization: `Bearer ${request.token}`, Accept: "application/json" } : { Accept: "application/json" },
    });
  } catch {
    return { ok: false, error: "unavailable", status: 0 };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok && body !== null) return { ok: true, data: body as T };
  const code = (body as Partial<TrackingErrorBody> | null)?.error;
  const error = code && KNOWN_ERRORS.has(code) ? code : response.status === 401 ? "unauthorized" : "unavailable";
  return { ok: false, error, status: response.status };
}
