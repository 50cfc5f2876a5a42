import type { ShopifyFulfillmentEventStatus } from "~/domain/shopify-status";
import type { AdminGraphqlClient } from "./admin-client";

/** `fulfillmentEventCreate` (needs `write_fulfillments`): one carrier status on Shopify's order page. */
export const FULFILLMENT_EVENT_CREATE = `#graphql
mutation TracklineFulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
    fulfillmentEvent { id status happenedAt }
    userErrors { field message }
  }
}`;

/** The newest events Shopify already shows for a fulfillment (checked before re-sending a retried write). */
export const FULFILLMENT_EVENTS = `#graphql
query TracklineFulfillmentEvents($id: ID!) {
  fulfillment(id: $id) {
    id
    events(first: 20, reverse: true, sortKey: HAPPENED_AT) {
      nodes { id status happenedAt }
    }
  }
}`;

export interface FulfillmentEventInput {
  fulfillmentId: string;
  status: ShopifyFulfillmentEventStatus;
  happenedAt: string;
  estimatedDeliveryAt?: string | null;
  message?: string | null;
  city?: string | null;
  province?: string | null;
  country?: string | null;
  zip?: string | null;
}

export type FulfillmentEventCreateResult =
  | { ok: true; eventId: string }
  | { ok: false; userErrors: { field: string[] | null; message: string }[] };

interface CreateData {
  fulfillmentEventCreate: {
    fulfillmentEvent: { id: string; status: string; happenedAt: string } | null;
    userErrors: { field: string[] | null; message: string }[];
  } | null;
}

/**
 * Creates the event; user errors (unknown fulfillment, bad input) come back as a value, not a
 * throw. `fulfillmentEventCreate` takes no idempotency key, so a 5xx or a lost answer is never
 * retried here (Shopify may have created the event): the caller looks at the fulfillment's
 * events before sending again. THROTTLED answers, which change nothing, are still waited out.
 */
export async function createFulfillmentEvent(client: AdminGraphqlClient, input: FulfillmentEventInput): Promise<FulfillmentEventCreateResult> {
  // Shopify rejects explicit nulls on some optional inputs; send only what we know.
  const fulfillmentEvent = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
  const { data } = await client.request<CreateData>(FULFILLMENT_EVENT_CREATE, { fulfillmentEvent }, { expectedCost: 10, serverRetries: 0 });
  const payload = data.fulfillmentEventCreate;
  if (payload?.fulfillmentEvent && payload.userErrors.length === 0) return { ok: true, eventId: payload.fulfillmentEvent.id };
  return { ok: false, userErrors: payload?.userErrors.length ? payload.userErrors : [{ field: null, message: "no event created" }] };
}

export interface ShopifyFulfillmentEvent {
  id: string;
  status: string;
  happenedAt: string;
}

interface EventsData {
  fulfillment: { id: string; events: { nodes: ShopifyFulfillmentEvent[] } } | null;
}

/** Newest first; null when the fulfillment does not exist (deleted, or not this shop's). */
export async function recentFulfillmentEvents(client: AdminGraphqlClient, fulfillmentId: string): Promise<ShopifyFulfillmentEvent[] | null> {
  const { data } = await client.request<EventsData>(FULFILLMENT_EVENTS, { id: fulfillmentId }, { expectedCost: 5 });
  return data.fulfillment ? data.fulfillment.events.nodes : null;
}
