import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ParsedTracking } from "~/carriers/adapter";
import type { PushActivation } from "~/carriers/plugin";
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

/**
 * DHL's activation hand-shake. A new subscription stays inactive until confirmed: DHL pushes a
 * validation message to the hook (with the subscription's authentication header, like any push),
 *
 *   { scope: "subscription.validate", secret: "<32 characters>", self: ".../subscription/{id}", … }
 *
 * and the subscriber activates the subscription with `POST /tracking/push/v1/subscription/{id}`,
 * sending the secret back in the `DHL-API-Hook-Secret` header (next to `DHL-API-Key`).
 * The secret is used once, to activate; nothing later is checked against it, so it is not kept.
 *
 * DHL's published pages and collections show the subscription calls but not this exchange; the
 * `scope` value, the `secret` field and the activation call follow the push API's message schema
 * (`scope`, `secret`, `self`) and independent client implementations. A secret that arrives in
 * the `DHL-API-Hook-Secret` header instead of the body is accepted too.
 */
export const DHL_VALIDATE_SCOPE = "subscription.validate";
export const DHL_HOOK_SECRET_HEADER = "DHL-API-Hook-Secret";

const DhlValidation = z.looseObject({
  scope: z.literal(DHL_VALIDATE_SCOPE),
  secret: z.string().nullish(),
  subscriptionId: z.union([z.string(), z.number()]).nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
  self: z.string().nullish(),
});

/**
 * Pure: the subscription to activate and its secret when `json` is DHL's validation message; an
 * error when it is one but lacks what activating needs; null for any other body. Never throws.
 */
export function readDhlActivation(json: unknown, headers: Headers): PushActivation | null {
  const message = DhlValidation.safeParse(json);
  if (!message.success) return null;
  const subscriptionId = subscriptionIdOf(message.data);
  const secret = message.data.secret?.trim() || headers.get(DHL_HOOK_SECRET_HEADER)?.trim() || "";
  if (!subscriptionId) return { error: "DHL validation message without a subscription id" };
  if (secret === "") return { error: "DHL validation message without a secret" };
  return { subscriptionId, secret };
}

/**
 * A subscription's id in a DHL answer or message: `id`, else `subscriptionId`, else the last path
 * segment of `self`.
 */
export function subscriptionIdOf(json: unknown): string | undefined {
  const answer = DhlSubscriptionRef.safeParse(json);
  if (!answer.success) return undefined;
  const { id, subscriptionId, self } = answer.data;
  if (id !== null && id !== undefined && String(id) !== "") return String(id);
  if (subscriptionId !== null && subscriptionId !== undefined && String(subscriptionId) !== "") return String(subscriptionId);
  const last = self?.split("/").filter((part) => part !== "").pop();
  return last === undefined || last === "" ? undefined : last;
}

const DhlSubscriptionRef = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  subscriptionId: z.union([z.string(), z.number()]).nullish(),
  self: z.string().nullish(),
});

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
