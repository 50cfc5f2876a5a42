import crypto from "node:crypto";
import { z } from "zod";

/**
 * The helpdesks' wire formats and authentication.
 *
 * - Zendesk signs each webhook: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret,
 *   timestamp + body)), the timestamp in `X-Zendesk-Webhook-Signature-Timestamp`. Bodies: a
 *   trigger's JSON (`{"ticket": {"id", "title", "description", "tags", "requester": {"email"}}}`
 *   from placeholders) or an event subscription (`{"type": "zen:event-type:ticket.created",
 *   "detail": {"id", "subject", "description", "tags"}}`).
 * - Gorgias HTTP integrations do not sign: the merchant adds our secret as a header
 *   (`X-Trackline-Secret`) and sends the ticket (Gorgias' ticket object, at the root or under
 *   `ticket`: `id`, `subject`, `tags[].name`, `customer.email`, `messages[].body_text`).
 * - The generic endpoint: `X-Trackline-Signature` = hex HMAC-SHA256(secret, body).
 */
export interface HelpdeskTicket {
  externalId: string;
  subject: string | null;
  body: string | null;
  tags: string[];
  email: string | null;
  /** An order number the ticket names ("#1001"), if any. */
  orderNumber: string | null;
  /** An order id the sender resolved already (generic endpoint). */
  orderId: string | null;
}

function timingSafeText(expected: string, given: string): boolean {
  const left = Buffer.from(expected, "utf8");
  const right = Buffer.from(given, "utf8");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return crypto.createHmac("sha256", secret).update(timestamp + body).digest("base64");
}

/** A signed Zendesk request older than this is a replay, not a delivery (Zendesk signs each attempt afresh). */
export const ZENDESK_MAX_AGE_MS = 5 * 60_000;
/** How far ahead of our clock a signing timestamp may be (clock skew between Zendesk and us). */
export const ZENDESK_FUTURE_SKEW_MS = 60_000;

/** The signing time: Zendesk sends ISO 8601 ("2026-11-20T12:00:00Z"); Unix seconds are read too. */
function zendeskTime(timestamp: string): number | null {
  const value = timestamp.trim();
  const time = /^\d{9,11}$/.test(value) ? Number(value) * 1000 : /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? time : null;
}

/**
 * `signed`: the signature matches. `stale`: it matches but was made more than five minutes ago
 * (or further in the future than the allowed skew), so a captured request cannot be replayed.
 */
export function verifyZendesk(secret: string, headers: Headers, body: string, now: Date): "signed" | "stale" | "invalid" {
  const signature = headers.get("x-zendesk-webhook-signature");
  const timestamp = headers.get("x-zendesk-webhook-signature-timestamp");
  if (!signature || !timestamp) return "invalid";
  if (!timingSafeText(zendeskSignature(secret, timestamp, body), signature.trim())) return "invalid";
  const signedAt = zendeskTime(timestamp);
  if (signedAt === null) return "invalid";
  const age = now.getTime() - signedAt;
  return age > ZENDESK_MAX_AGE_MS || age < -ZENDESK_FUTURE_SKEW_MS ? "stale" : "signed";
}

export function verifyGorgias(secret: string, headers: Headers): boolean {
  const given = headers.get("x-trackline-secret") ?? headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  return given !== "" && timingSafeText(secret, given.trim());
}

export function apiSignature(secret: string, body: string): string {
  return crypto.createHmac("sha256", secret).update(body).digest("hex");
}

export function verifyApi(secret: string, headers: Headers, body: string): boolean {
  const given = (headers.get("x-trackline-signature") ?? "").trim().toLowerCase().replace(/^sha256=/, "");
  return /^[0-9a-f]{64}$/.test(given) && timingSafeText(apiSignature(secret, body), given);
}

const id = z.union([z.string().min(1), z.number()]).transform(String);
const text = z.string().nullish().transform((value) => (value && value.trim() ? value : null));
/** Tags arrive as ["a", "b"], [{name: "a"}] or Zendesk's "a b" placeholder string. */
const tags = z
  .union([z.array(z.union([z.string(), z.object({ name: z.string() }).passthrough()])), z.string()])
  .nullish()
  .transform((value) => {
    if (!value) return [];
    if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
    return value.map((tag) => (typeof tag === "string" ? tag : tag.name));
  });

/** "#1001", "order 1001", "commande n° 1001"… the first order-looking number in the text. */
export function orderNumberIn(...texts: (string | null)[]): string | null {
  for (const value of texts) {
    if (!value) continue;
    const hash = /#\s?([A-Za-z]{0,5}\d{3,10})\b/.exec(value);
    if (hash) return `#${hash[1]}`;
    const word = /\b(?:order|commande|pedido|bestellung|ordine|encomenda|注文|订单|訂單|주문)\s*(?:no\.?|nr\.?|n°|number|#|:)?\s*(\d{3,10})\b/iu.exec(value);
    if (word) return `#${word[1]}`;
  }
  return null;
}

const zendeskTrigger = z.object({
  ticket: z
    .object({
      id,
      title: text,
      subject: text,
      description: text,
      latest_comment: text,
      tags,
      requester: z.object({ email: text }).passthrough().nullish(),
      order_number: text,
    })
    .passthrough(),
});

const zendeskEvent = z.object({
  type: z.string(),
  detail: z.object({ id, subject: text, description: text, tags }).passthrough(),
});

export function parseZendesk(json: unknown): HelpdeskTicket | null {
  const trigger = zendeskTrigger.safeParse(json);
  if (trigger.success) {
    const ticket = trigger.data.ticket;
    const subject = ticket.title ?? ticket.subject;
    const body = ticket.description ?? ticket.latest_comment;
    return {
      externalId: ticket.id,
      subject,
      body,
      tags: ticket.tags,
      email: ticket.requester?.email ?? null,
      orderNumber: ticket.order_number ? (orderNumberIn(ticket.order_number) ?? ticket.order_number) : orderNumberIn(subject, body),
      orderId: null,
    };
  }
  const event = zendeskEvent.safeParse(json);
  if (event.success && event.data.type.startsWith("zen:event-type:ticket.")) {
    const detail = event.data.detail;
    return { externalId: detail.id, subject: detail.subject, body: detail.description, tags: detail.tags, email: null, orderNumber: orderNumberIn(detail.subject, detail.description), orderId: null };
  }
  return null;
}

const gorgiasTicket = z
  .object({
    id,
    subject: text,
    tags,
    customer: z.object({ email: text }).passthrough().nullish(),
    messages: z.array(z.object({ body_text: text, from_agent: z.boolean().nullish() }).passthrough()).nullish(),
  })
  .passthrough();

export function parseGorgias(json: unknown): HelpdeskTicket | null {
  const candidate = json && typeof json === "object" && "ticket" in json ? (json as { ticket: unknown }).ticket : json;
  const parsed = gorgiasTicket.safeParse(candidate);
  if (!parsed.success) return null;
  const ticket = parsed.data;
  // The shopper's words: their messages, never the agents' replies.
  const body = (ticket.messages ?? []).filter((message) => !message.from_agent).map((message) => message.body_text ?? "").join("\n").trim() || null;
  return { externalId: ticket.id, subject: ticket.subject, body, tags: ticket.tags, email: ticket.customer?.email ?? null, orderNumber: orderNumberIn(ticket.subject, body), orderId: null };
}

const apiTicket = z.object({
  ticket_id: id,
  order_id: text,
  order_number: text,
  email: text,
  subject: text,
  message: text,
  tags,
});

export function parseApi(json: unknown): HelpdeskTicket | null {
  const parsed = apiTicket.safeParse(json);
  if (!parsed.success) return null;
  const ticket = parsed.data;
  return {
    externalId: ticket.ticket_id,
    subject: ticket.subject,
    body: ticket.message,
    tags: ticket.tags,
    email: ticket.email,
    orderNumber: ticket.order_number ?? orderNumberIn(ticket.subject, ticket.message),
    orderId: ticket.order_id,
  };
}
