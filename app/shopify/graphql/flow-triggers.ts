import type { AdminGraphqlClient } from "./admin-client";

/** `flowTriggerReceive`: starts the merchant's Shopify Flow workflows that begin with one of our triggers. */
export const FLOW_TRIGGER_RECEIVE = `#graphql
mutation TracklineFlowTriggerReceive($handle: String, $payload: JSON) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors { field message }
  }
}`;

interface TriggerData {
  flowTriggerReceive: { userErrors: { field: string[] | null; message: string }[] } | null;
}

export type FlowTriggerResult = { ok: true } | { ok: false; userErrors: { field: string[] | null; message: string }[] };

/** Fires one trigger; user errors (unknown handle, bad payload) come back as a value, not a throw. */
export async function receiveFlowTrigger(client: AdminGraphqlClient, handle: string, payload: Record<string, unknown>): Promise<FlowTriggerResult> {
  const { data } = await client.request<TriggerData>(FLOW_TRIGGER_RECEIVE, { handle, payload }, { expectedCost: 10 });
  const errors = data.flowTriggerReceive?.userErrors ?? [{ field: null, message: "no answer from flowTriggerReceive" }];
  return errors.length === 0 ? { ok: true } : { ok: false, userErrors: errors };
}
