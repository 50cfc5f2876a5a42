import { createHmac, timingSafeEqual } from "node:crypto";
import type { ParsedTracking } from "~/carriers/adapter";
import { parseFedexResponse } from "./parse";

/**
 * FedEx Advanced Integrated Visibility (tracking webhook). FedEx POSTs tracking events to the
 * destination URL of the webhook project and signs each push (FedEx "Advanced Integrated Visibility
 * Validation Process"): header `fdx-signature` = base64 HMAC-SHA256 of the raw payload, keyed with
 * the security token entered when the project was set up (FEDEX_WEBHOOK_SECURITY_TOKEN).
 *
 * Assumed where the published material is silent: the payload carries the Track API result shape,
 * either a whole `{ output: { completeTrackResults: [...] } }` or one `completeTrackResults` item
 * (`{ trackingNumber, trackResults: [...] }`), so the Track API parser reads it.
 */
export const FEDEX_SIGNATURE_HEADER = "fdx-signature";

export function signFedexPush(rawBody: string, securityToken: string): string {
  return createHmac("sha256", securityToken).update(rawBody, "utf8").digest("base64");
}

export function verifyFedexPush(rawBody: string, signature: string | null | undefined, securityToken: string): boolean {
  if (!signature || !securityToken) return false;
  const expected = Buffer.from(signFedexPush(rawBody, securityToken), "utf8");
  const given = Buffer.from(signature.trim(), "utf8");
  return given.length === expected.length && timingSafeEqual(expected, given);
}

export type FedexPush = { kind: "updated"; items: ParsedTracking[] } | { kind: "invalid"; message: string };

/** Pure: a verified push body (already JSON-parsed) → the items it carries. Never throws. */
export function parseFedexPush(json: unknown): FedexPush {
  try {
    const single = json !== null && typeof json === "object" && !Array.isArray(json) && "trackResults" in json;
    const result = parseFedexResponse(single ? { output: { completeTrackResults: [json] } } : json);
    if (!result.ok) return { kind: "invalid", message: `not a FedEx tracking push: ${result.error.message}` };
    const items = result.items.filter((item) => item.kind === "found" && item.trackingNumber !== "");
    if (items.length === 0) return { kind: "invalid", message: "no tracking update for a number" };
    return { kind: "updated", items };
  } catch (error) {
    return { kind: "invalid", message: `FedEx push could not be read: ${String(error)}` };
  }
}
