import type { DemoShop } from "./demo-data.server";
import { signWebhookDelivery } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { generateSampleNumber, seededRandom } from "~/domain/tracking-number/sample-numbers";

type Receive = (request: Request, topics: string[]) => Promise<Response>;

const numberOf = (gid: string) => Number(gid.slice(gid.lastIndexOf("/") + 1));

/**
 * After-delivery demo data, through the real webhook routes: a "not received" chargeback on a
 * delivered, signed-for order (its evidence pack ready to download), a dispute about an order the
 * shop never tracked, a return on its way back with a tracked label, and a return still waiting
 * for its label. The worklist fills itself from the parcels in trouble.
 */
export async function seedAfterDeliveryDemo(shop: DemoShop, secret: string, receive: Receive): Promise<{ disputes: number; returns: number; returnParcels: number }> {
  const delivered = shop.shipments.filter((shipment) => shipment.state.status === "delivered" && shipment.proofOfDelivery?.signedBy);
  const [disputed, returned, awaitingLabel] = delivered;
  const send = async (topic: string, path: string, topics: string[], payload: unknown) => {
    const delivery = signWebhookDelivery({ topic, shopDomain: shop.domain, secret, payload });
    const response = await receive(new Request(`http://127.0.0.1${path}`, { method: "POST", headers: delivery.headers, body: delivery.body }), topics).catch((error: unknown) => {
      if (error instanceof Response) return error;
      throw error;
    });
    if (response.status !== 200) throw new Error(`the ${topic} route answered ${response.status} to a demo delivery`);
  };
  let disputes = 0;
  let returns = 0;
  let returnParcels = 0;
  const dispute = async (id: number, orderId: number, reason: string, initiatedAt: Date) => {
    await send("disputes/create", "/webhooks/disputes/create", ["disputes/create"], {
      id,
      order_id: orderId,
      type: "chargeback",
      amount: "64.00",
      currency: "USD",
      reason,
      network_reason_code: reason === "product_not_received" ? "13.1" : "10.4",
      status: "needs_response",
      evidence_due_by: new Date(initiatedAt.getTime() + 14 * 86_400_000).toISOString(),
      evidence_sent_on: null,
      finalized_on: null,
      initiated_at: initiatedAt.toISOString(),
    });
    disputes += 1;
  };
  if (disputed?.state.deliveredAt) await dispute(910_000_001, numberOf(disputed.orderId), "product_not_received", new Date(Date.parse(disputed.state.deliveredAt) + 3 * 86_400_000));
  await dispute(910_000_002, 5_099_999_999, "fraudulent", new Date(Date.parse("2026-01-01T00:00:00Z")));

  const requestReturn = async (shipment: NonNullable<typeof returned>, returnNumber: number) => {
    await send("returns/request", "/webhooks/returns", ["returns/request"], {
      id: returnNumber,
      admin_graphql_api_id: `gid://shopify/Return/${returnNumber}`,
      name: `${shipment.orderName}-R1`,
      status: "REQUESTED",
      order: { id: numberOf(shipment.orderId), admin_graphql_api_id: shipment.orderId },
    });
    returns += 1;
  };
  if (returned) {
    await requestReturn(returned, 930_000_001);
    // A UPS label the simulated carrier tracks like any parcel.
    const label = generateSampleNumber("ups_1z", seededRandom(930)).number;
    await send("reverse_deliveries/attach_deliverable", "/webhooks/reverse_deliveries/attach_deliverable", ["reverse_deliveries/attach_deliverable"], {
      id: 940_000_001,
      admin_graphql_api_id: "gid://shopify/ReverseDelivery/940000001",
      return: { id: 930_000_001, admin_graphql_api_id: "gid://shopify/Return/930000001" },
      shipping_deliverable: { tracking: { carrier_name: "UPS", tracking_number: label, tracking_url: null }, label: null },
    });
    returnParcels += 1;
  }
  if (awaitingLabel) await requestReturn(awaitingLabel, 930_000_002);
  return { disputes, returns, returnParcels };
}
