import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ParsedTracking } from "~/carriers/adapter";
import { describeIssues } from "~/carriers/mapping";
import { text } from "~/carriers/wire-kit";
import { parseDhlResponse } from "./parse";

/**
 * DHL Shipment Tracking – Unified – Push (`https://api-eu.dhl.com/tracking/push/v1`). After a
 * subscription (by tracking IDs or by account, `format: "Default"`), DHL POSTs notifications to
 * `hook.uri` whose body wraps the Unified tracking `shipments[]` (same objects as
 * `GET /track/shipments`), next to envelope fields such as `scope` and `self`.
 *
 * Authentication: the subscription's `hook.authentication = { type: "ApiKeyAuthentication",
 * header: <name we choose>, token: <value> }` makes DHL send that static token in that header
 * (developer.dhl.com push collections); DHL documents no body signature.
 */

/** The header Trackline names in its DHL push subscriptions for that token. */
export const DHL_PUSH_TOKEN_HEADER = "x-trackline-push-token";

/**
 * Constant-time check of the token DHL sends under `hook.authentication.header`
 * (ApiKeyAuthentication). False when either side is missing or empty.
 */
export function verifyDhlPushToken(headerValue: string | null | undefined, expectedToken: string | null | undefined): boolean {
  if (typeof headerValue !== "string" || typeof expectedToken !== "string" || headerValue === "" || expectedToken === "") return false;
  // Hash both sides: fixed-length comparison that doesn't leak the token's length.
  const given = createHash("sha256").update(headerValue, "utf8").digest();
  const want = createHash("sha256").update(expectedToken, "utf8").digest();
  return timingSafeEqual(given, want);
}

/** The push envelope; the shipments themselves are validated by the tracking response schema. */
const DhlPushEnvelope = z.looseObject({
  scope: text,
  shipments: z.array(z.unknown()),
});

export type DhlPush = { kind: "updated"; items: ParsedTracking[] } | { kind: "invalid"; message: string };

/**
 * Pure: a verified push body (already JSON-parsed) → one item per tracking number. Never throws.
 * Bodies without `shipments[]` (subscription lifecycle messages, problem+json…) are `invalid`.
 */
export function parseDhlPush(json: unknown): DhlPush {
  try {
    return parse(json);
  } catch (error) {
    return { kind: "invalid", message: `DHL push parser failed: ${String(error)}` };
  }
}

function parse(json: unknown): DhlPush {
  const envelope = DhlPushEnvelope.safeParse(json);
  if (!envelope.success) {
    const scope = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>).scope : undefined;
    const suffix = typeof scope === "string" ? ` (scope "${scope}")` : "";
    return { kind: "invalid", message: `not a DHL tracking push${suffix}: ${describeIssues(envelope.error.issues)}` };
  }
  const shipments = envelope.data.shipments;
  if (shipments.length === 0) return { kind: "updated", items: [] };

  // Same shape as a tracking response, so the tracking parser does all the mapping. A push may
  // carry only the new `status` without `events[]`; that status is then the one event we know.
  const result = parseDhlResponse({ shipments: shipments.map(withStatusAsEvent) });
  if (!result.ok) return { kind: "invalid", message: result.error.message };
  const items: ParsedTracking[] = [];
  for (const item of result.items) {
    if (item.kind !== "found" || item.trackingNumber === "") continue;
    const own = shipments.filter((s) => idOf(s) === item.trackingNumber);
    items.push({ ...item, raw: own.length === 1 ? own[0] : own });
  }
  if (items.length === 0) return { kind: "invalid", message: "shipments: no shipment with an id" };
  return { kind: "updated", items };
}

function withStatusAsEvent(shipment: unknown): unknown {
  if (!shipment || typeof shipment !== "object" || Array.isArray(shipment)) return shipment;
  const s = shipment as Record<string, unknown>;
  const hasEvents = Array.isArray(s.events) ? s.events.length > 0 : s.events != null;
  if (hasEvents || !s.status || typeof s.status !== "object") return shipment;
  return { ...s, events: [s.status] };
}

function idOf(shipment: unknown): string | undefined {
  if (!shipment || typeof shipment !== "object") return undefined;
  const id = (shipment as Record<string, unknown>).id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}
