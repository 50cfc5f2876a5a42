import type { Db } from "~/data/db.server";
import { findOrderForTicket } from "~/data/inquiries.server";
import { classifyTicket } from "~/domain/wismo/classifier";
import { hashCustomerEmail, orderNameCandidates } from "~/data/identity.server";
import { recordInquiry } from "./capture.server";
import { parseApi, parseGorgias, parseZendesk, verifyApi, verifyGorgias, verifyZendesk, type HelpdeskTicket } from "./helpdesk-tickets.server";
import { helpdeskSecret, loadWismoSettings, type HelpdeskKind } from "./settings.server";
import { shopExists } from "~/data/shops.server";

/**
 * One inbound helpdesk webhook: authenticated with the shop's sealed secret (401 otherwise, and
 * for a Zendesk signature made more than five minutes ago),
 * parsed in the helpdesk's format (400 when unreadable), classified, mapped to an order by the
 * order number it names or the requester's email hash, and stored when order-status related.
 * Redeliveries of a ticket are stored once.
 */
export type HelpdeskOutcome =
  | { status: 401; body: { error: "unauthorized" } }
  | { status: 401; body: { error: "stale signature" } }
  | { status: 400; body: { error: "unreadable" } }
  | { status: 200; body: { stored: boolean; duplicate: boolean; reason: string; orderMatched: boolean } };

export interface HelpdeskDelivery {
  kind: HelpdeskKind;
  shopDomain: string;
  headers: Headers;
  body: string;
  now: Date;
  credentialsKey: string | undefined;
}

const SOURCES = { gorgias: "gorgias", zendesk: "zendesk", api: "api" } as const;

export async function receiveHelpdeskWebhook(db: Db, delivery: HelpdeskDelivery): Promise<HelpdeskOutcome> {
  if (!(await shopExists(db, delivery.shopDomain))) return { status: 401, body: { error: "unauthorized" } };
  const settings = await loadWismoSettings(db, delivery.shopDomain);
  let secret: string | null = null;
  try {
    secret = helpdeskSecret(settings, delivery.kind, delivery.credentialsKey);
  } catch {
    secret = null;
  }
  const verdict =
    secret === null
      ? "invalid"
      : delivery.kind === "zendesk"
        ? verifyZendesk(secret, delivery.headers, delivery.body, delivery.now)
        : (delivery.kind === "gorgias" ? verifyGorgias(secret, delivery.headers) : verifyApi(secret, delivery.headers, delivery.body))
          ? "signed"
          : "invalid";
  // A replayed (old) Zendesk signature is refused like a bad one: 401, which Zendesk does not retry.
  if (verdict === "stale") return { status: 401, body: { error: "stale signature" } };
  if (verdict !== "signed") return { status: 401, body: { error: "unauthorized" } };

  let json: unknown;
  try {
    json = JSON.parse(delivery.body);
  } catch {
    return { status: 400, body: { error: "unreadable" } };
  }
  const ticket: HelpdeskTicket | null = delivery.kind === "zendesk" ? parseZendesk(json) : delivery.kind === "gorgias" ? parseGorgias(json) : parseApi(json);
  if (!ticket) return { status: 400, body: { error: "unreadable" } };

  const classification = classifyTicket({ tags: ticket.tags, subject: ticket.subject, body: ticket.body });
  if (!classification.orderStatus) return { status: 200, body: { stored: false, duplicate: false, reason: "other", orderMatched: false } };

  const orderId =
    ticket.orderId ??
    (await findOrderForTicket(db, delivery.shopDomain, {
      orderNames: ticket.orderNumber ? orderNameCandidates(ticket.orderNumber) : [],
      emailHash: ticket.email ? hashCustomerEmail(ticket.email) : null,
    }));
  const saved = await recordInquiry(db, {
    shopDomain: delivery.shopDomain,
    source: SOURCES[delivery.kind],
    reason: classification.reason,
    orderId,
    shipmentId: null,
    externalId: ticket.externalId,
    message: [ticket.subject, ticket.body].filter(Boolean).join("\n"),
    at: delivery.now,
    credentialsKey: delivery.credentialsKey,
  });
  return { status: 200, body: { stored: saved.created, duplicate: !saved.created, reason: classification.reason, orderMatched: orderId !== null } };
}
