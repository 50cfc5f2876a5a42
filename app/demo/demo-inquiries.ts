import { isHeldOut, type HoldoutSettings } from "~/domain/wismo/holdout";
import type { InquiryReason } from "~/domain/wismo/reasons";
import { seededRandom } from "~/domain/tracking-number/sample-numbers";
import type { DemoShipment } from "./demo-data.server";

/**
 * The demo's "where is my order?" contacts, deterministic from the seed: shoppers of held-out
 * orders (no proactive notices) ask more often than the others, and parcels that are late,
 * stalled or in trouble draw more questions, so the WISMO page has a running holdout to show.
 * About half arrive on the tracking page, some on the order status page, the rest as helpdesk
 * tickets (Zendesk, Gorgias) in the shoppers' languages, which the real classifier reads.
 */
export interface DemoInquiry {
  orderId: string;
  shipmentId: string;
  at: Date;
  surface: "tracking_page" | "order_status_extension" | "zendesk" | "gorgias";
  /** The reason a shopper picks on a page; helpdesk tickets are classified from `ticket`. */
  reason: InquiryReason;
  ticket: { externalId: string; subject: string; body: string; tags: string[] } | null;
}

export const DEMO_HOLDOUT: HoldoutSettings = { enabled: true, percent: 20, key: "trackline-demo-holdout" };

const TICKETS: Readonly<Record<"where_is_my_order" | "delayed" | "delivered_not_received" | "damaged", readonly [string, string][]>> = {
  where_is_my_order: [
    ["Where is my order?", "Hi, I ordered last week and have not received it yet. Where is my order?"],
    ["Pedido", "Hola, ¿dónde está mi pedido?"],
    ["Commande", "Bonjour, où est ma commande ? Je n'ai toujours pas reçu de nouvelles."],
    ["Bestellung", "Hallo, wo ist meine Bestellung?"],
  ],
  delayed: [
    ["Delayed parcel", "My parcel seems stuck, it has been delayed for days."],
    ["Retard", "Mon colis a du retard, il est bloqué depuis lundi."],
    ["配送", "配送が遅れているようです。"],
  ],
  delivered_not_received: [
    ["Not received", "Tracking says delivered but I never received it."],
    ["Paket", "Das Paket wird als zugestellt angezeigt, ich habe aber nichts erhalten."],
  ],
  damaged: [["Broken item", "The box arrived and the mug inside is broken."]],
};

function reasonFor(shipment: DemoShipment, roll: number): InquiryReason {
  const { status, subStatus, flags } = shipment.state;
  if (status === "delivered") return roll < 0.45 ? "delivered_not_received" : roll < 0.65 ? "damaged" : roll < 0.8 ? "return_question" : "where_is_my_order";
  if (subStatus === "address_problem") return "wrong_address";
  if (flags.late || flags.stalled || status === "delayed") return roll < 0.6 ? "delayed" : "where_is_my_order";
  return roll < 0.85 ? "where_is_my_order" : "other";
}

export function planDemoInquiries(shipments: readonly DemoShipment[], options: { now: Date; seed: number; shipmentId: (shipment: DemoShipment) => string | undefined }): DemoInquiry[] {
  const random = seededRandom(options.seed + 19);
  const seen = new Set<string>();
  const plan: DemoInquiry[] = [];
  for (const shipment of shipments) {
    if (seen.has(shipment.orderId)) continue;
    seen.add(shipment.orderId);
    const shipmentId = options.shipmentId(shipment);
    const [chance, when, pick, surfaceRoll, textRoll] = [random(), random(), random(), random(), random()];
    if (!shipmentId || shipment.state.status === "invalid") continue;
    const trouble = shipment.state.flags.late || shipment.state.flags.stalled || ["exception", "attempt_failed", "delayed"].includes(shipment.state.status);
    const rate = (isHeldOut(shipment.orderId, DEMO_HOLDOUT) ? 0.14 : 0.05) * (trouble ? 2.5 : 1);
    if (chance >= rate) continue;
    const shipped = shipment.fulfillmentCreatedAt.getTime();
    const at = new Date(Math.min(options.now.getTime() - 3_600_000, shipped + (1 + when * 9) * 86_400_000));
    if (at.getTime() <= shipped) continue;
    const reason = reasonFor(shipment, pick);
    const surface = surfaceRoll < 0.5 ? "tracking_page" : surfaceRoll < 0.7 ? "order_status_extension" : surfaceRoll < 0.85 ? "zendesk" : "gorgias";
    let ticket: DemoInquiry["ticket"] = null;
    if (surface === "zendesk" || surface === "gorgias") {
      const texts = TICKETS[reason in TICKETS ? (reason as keyof typeof TICKETS) : "where_is_my_order"];
      const [subject, body] = texts[Math.floor(textRoll * texts.length)]!;
      ticket = { externalId: `demo-${plan.length + 1}`, subject: `${subject} ${shipment.orderName}`, body, tags: [] };
    }
    plan.push({ orderId: shipment.orderId, shipmentId, at, surface, reason, ticket });
  }
  return plan;
}
