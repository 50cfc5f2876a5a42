import type { TrackingErrorBody } from "@trackline/shared";

const STATUS: Readonly<Record<TrackingErrorBody["error"], number>> = {
  bad_request: 400,
  unauthorized: 401,
  login_required: 401,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
};

/** JSON for the extension endpoints; private (views carry personal data) and never cached. */
export function jsonView(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

export function jsonError(error: TrackingErrorBody["error"], message: string): Response {
  const body: TrackingErrorBody = { error, message };
  return jsonView(body, STATUS[error]);
}
