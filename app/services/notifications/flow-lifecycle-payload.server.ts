import { z } from "zod";
import { recordFlowTriggerUse } from "~/data/flow-trigger-uses.server";
import type { DbClient } from "~/data/fulfillments.server";
import { SHOP_DOMAIN } from "~/shopify/shop-domain";
import { parsePayload, type HandlerResult, type WebhookDelivery, type WebhookHandler } from "~/services/ingestion/webhook-delivery";
import { FLOW_TRIGGER_NAMES } from "./settings";

/** The topic a kept (unusable) lifecycle callback is stored under, so `cli webhooks replay` can take it again. */
export const FLOW_LIFECYCLE_TOPIC = "flow/trigger_lifecycle";

/** Shopify Flow's trigger lifecycle callback body (extensions/flow-lifecycle). */
export const flowLifecycleSchema = z.object({
  flow_trigger_definition_id: z.string().trim().min(1),
  has_enabled_flow: z.boolean(),
  shop_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  shopify_domain: z.string().regex(SHOP_DOMAIN),
  timestamp: z.iso.datetime({ offset: true }),
});
export type FlowLifecycleCallback = z.infer<typeof flowLifecycleSchema>;

/**
 * The trigger the callback is about, by its handle. Flow names a trigger by its definition id;
 * the handle is what `flowTriggerReceive` uses, and the trigger's name is accepted too. Any
 * other id is kept as given (a trigger this version does not know).
 */
export function flowTriggerHandleOf(definitionId: string): string {
  const id = definitionId.trim();
  if (Object.hasOwn(FLOW_TRIGGER_NAMES, id)) return id;
  const byName = Object.entries(FLOW_TRIGGER_NAMES).find(([, name]) => name.toLowerCase() === id.toLowerCase());
  return byName ? byName[0] : id;
}

export async function applyFlowLifecycleCallback(db: DbClient, callback: FlowLifecycleCallback): Promise<HandlerResult> {
  const triggerHandle = flowTriggerHandleOf(callback.flow_trigger_definition_id);
  const stored = await recordFlowTriggerUse(db, {
    shopDomain: callback.shopify_domain,
    triggerHandle,
    hasEnabledFlow: callback.has_enabled_flow,
    reportedAt: new Date(callback.timestamp),
  });
  return stored === "recorded"
    ? { outcome: "processed", note: null, orderId: null }
    : { outcome: "ignored", note: `an earlier callback than the one stored for ${triggerHandle}`, orderId: null };
}

/** Replays a kept lifecycle callback (`cli webhooks replay`). */
export const flowLifecycleReplay: WebhookHandler = {
  transactional: false,
  handle: (client: DbClient, delivery: WebhookDelivery): Promise<HandlerResult> =>
    applyFlowLifecycleCallback(client, parsePayload(flowLifecycleSchema, delivery.payload, FLOW_LIFECYCLE_TOPIC)),
};
