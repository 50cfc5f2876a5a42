import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ParsedTracking } from "~/carriers/adapter";
import { describeIssues } from "~/carriers/mapping";
import { parseUspsResponse } from "./parse";

/**
 * USPS Subscriptions – Tracking v3 notifications. USPS POSTs to the subscription's `listenerURL` an
 * envelope `{ subscriptionId, timestamp, payload }` whose `payload` is the tracking update as a JSON
 * string (the Tracking v3 response shape: `trackingNumber`, `trackingEvents[]`, …).
 *
 * Signature: header `X-HMAC` = base64 HMAC-SHA256, keyed with the 32-character `secret` given when
 * subscribing, over the envelope's `timestamp` followed directly by the `payload` string.
 *
 * Assumed where the published material is silent: the header name and the signed text
 * (`timestamp` + `payload`) follow USPS's subscription specification as quoted by integrators, not a
 * sample Trackline has seen; `payload` is also read when USPS sends it as an object.
 */
export const USPS_SIGNATURE_HEADER = "x-hmac";
/** USPS requires the subscription secret to be exactly this long. */
export const USPS_SECRET_LENGTH = 32;

const UspsPushEnvelope = z.looseObject({
  subscriptionId: z.string().nullish(),
  timestamp: z.union([z.string(), z.number()]).nullish(),
  payload: z.union([z.string(), z.record(z.string(), z.unknown())]),
});

function signedText(rawBody: string): string | undefined {
  try {
    const envelope = UspsPushEnvelope.safeParse(JSON.parse(rawBody));
    if (!envelope.success) return undefined;
    const payload = typeof envelope.data.payload === "string" ? envelope.data.payload : JSON.stringify(envelope.data.payload);
    return `${envelope.data.timestamp ?? ""}${payload}`;
  } catch {
    return undefined;
  }
}

/** The `X-HMAC` value USPS would send for this body (the simulator signs with it). */
export function signUspsPush(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(signedText(rawBody) ?? rawBody, "utf8").digest("base64");
}

export function verifyUspsPush(rawBody: string, signature: string | null | undefined, secret: string): boolean {
  if (!signature || !secret || signedText(rawBody) === undefined) return false;
  const expected = Buffer.from(signUspsPush(rawBody, secret), "utf8");
  const given = Buffer.from(signature.trim(), "utf8");
  return given.length === expected.length && timingSafeEqual(expected, given);
}

export type UspsPush = { kind: "updated"; items: ParsedTracking[] } | { kind: "invalid"; message: string };

/** Pure: a verified notification (already JSON-parsed) → the tracking item it carries. Never throws. */
export function parseUspsPush(json: unknown): UspsPush {
  try {
    const envelope = UspsPushEnvelope.safeParse(json);
    if (!envelope.success) return { kind: "invalid", message: `not a USPS subscription notification: ${describeIssues(envelope.error.issues)}` };
    const payload: unknown = typeof envelope.data.payload === "string" ? JSON.parse(envelope.data.payload) : envelope.data.payload;
    const result = parseUspsResponse(payload);
    if (!result.ok) return { kind: "invalid", message: result.error.message };
    const items = result.items.filter((item) => item.kind === "found" && item.trackingNumber !== "").map((item) => ({ ...item, raw: payload }));
    if (items.length === 0) return { kind: "invalid", message: "payload: no tracking update for a number" };
    return { kind: "updated", items };
  } catch (error) {
    return { kind: "invalid", message: `USPS notification could not be read: ${String(error)}` };
  }
}
