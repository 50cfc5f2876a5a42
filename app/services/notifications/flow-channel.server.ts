import type { Db } from "~/data/db.server";
import { flowTriggerInUse } from "~/data/flow-trigger-uses.server";
import { AdminApiError, type AdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { receiveFlowTrigger } from "~/shopify/graphql/flow-triggers";
import { isShipmentMoment } from "~/domain/shipment-moments";
import type { ChannelOutcome, ChannelSender, OutboundMessage } from "./dispatcher.server";
import { FLOW_STATUS_CHANGED, FLOW_TRIGGERS, parseNotificationSettings } from "./settings";

/**
 * Shopify Flow: each moment fires one trigger (extensions/flow-*) — its own when it has one
 * (exception, delivered…), else "shipment status changed" — with the order reference and the
 * shipment's facts as fields, so merchants build their own automations (tag the order, tell
 * Slack, refund a returned parcel). One trigger per outbox row keeps retries exactly-once.
 */
export interface FlowChannelOptions {
  adminFor: (shop: string) => Promise<AdminGraphqlClient>;
  /**
   * Where Flow's trigger lifecycle callbacks are stored: a trigger Flow said no enabled workflow
   * uses is not fired. A trigger Flow never reported on is fired (installs that predate the
   * callback never got one).
   */
  db: Db;
}

/** The order reference Flow expects: the numeric id of `gid://shopify/Order/<id>`. */
function numericId(gid: string): number | null {
  const id = Number(/\/(\d+)$/.exec(gid)?.[1]);
  return Number.isSafeInteger(id) ? id : null;
}

export function flowPayload(message: OutboundMessage): Record<string, unknown> | null {
  const row = message.rows[0];
  if (!row) return null;
  const parcel = message.context.shipments.find((shipment) => shipment.id === row.shipmentId) ?? message.context.shipments[0];
  const orderId = numericId(row.orderId);
  if (orderId === null) return null;
  return {
    order_id: orderId,
    "moment": row.moment,
    "status": row.status,
    "reason": row.reason ?? "",
    "tracking number": parcel?.trackingNumber ?? "",
    "carrier": parcel?.carrier ?? parcel?.declaredCarrier ?? "",
    "shipment id": row.shipmentId ?? "",
    "fulfillment id": parcel?.fulfillmentId ?? "",
    "estimated delivery": row.estimateAt?.toISOString() ?? "",
  };
}

export function flowHandleFor(moment: string): string {
  return (isShipmentMoment(moment) && FLOW_TRIGGERS[moment]) || FLOW_STATUS_CHANGED;
}

export function createFlowChannel(options: FlowChannelOptions): ChannelSender {
  return {
    coalesces: false,
    async send(message: OutboundMessage): Promise<ChannelOutcome> {
      const { shop } = message.context;
      const row = message.rows[0];
      if (!row || !shop || shop.uninstalledAt) return { kind: "skipped", reason: "the shop uninstalled Trackline" };
      if (!parseNotificationSettings(shop.notificationSettingsJson).flow.enabled) return { kind: "skipped", reason: "Flow triggers are turned off" };
      const payload = flowPayload(message);
      if (!payload) return { kind: "skipped", reason: "the order id is not a Shopify order" };
      const handle = flowHandleFor(row.moment);
      if ((await flowTriggerInUse(options.db, shop.domain, handle)) === false) return { kind: "skipped", reason: "no workflow uses this trigger" };
      try {
        const client = await options.adminFor(shop.domain);
        const result = await receiveFlowTrigger(client, handle, payload);
        if (!result.ok) return { kind: "failed", error: `Flow refused ${handle}: ${result.userErrors.map((error) => error.message).join("; ")}` };
        return { kind: "sent", providerId: handle };
      } catch (error) {
        if (error instanceof AdminApiError) {
          return error.retryable
            ? { kind: "retry", error: error.message, ...(error.options.retryAfterMs ? { retryAfterMs: error.options.retryAfterMs } : {}) }
            : { kind: "failed", error: error.message };
        }
        throw error;
      }
    },
  };
}
