import type { ActionFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FEDEX_SIGNATURE_HEADER, signFedexPush } from "~/carriers/fedex/push.server";
import { USPS_SIGNATURE_HEADER, signUspsPush } from "~/carriers/usps/push.server";
import { database } from "~/data/client.server";

const USPS_SECRET = "0123456789abcdef0123456789abcdef";
process.env.FEDEX_WEBHOOK_SECURITY_TOKEN = "fedex-security-token";
process.env.USPS_PUSH_SECRET = USPS_SECRET;
const carrierPushes = await import("./webhooks.carriers.$carrier");
const fedex = { action: (args: ActionFunctionArgs) => carrierPushes.action({ ...args, params: { carrier: "fedex" } }) };
const usps = { action: (args: ActionFunctionArgs) => carrierPushes.action({ ...args, params: { carrier: "usps" } }) };

const fixture = (carrier: string, name: string) =>
  fs.readFileSync(path.join(import.meta.dirname, `../carriers/${carrier}/__fixtures__/${name}.json`), "utf8");
const shop = "carrier-push-fedex-usps.myshopify.com";

function post(action: typeof fedex.action, body: string, headers: Record<string, string>) {
  return action({ request: new Request("https://trackline.test/webhooks/carriers/x", { method: "POST", body, headers }), params: {}, context: {} });
}

async function track(id: string, trackingNumber: string, carrier: string) {
  await database().db.shipment.create({
    data: { id, shopDomain: shop, orderId: `gid://shopify/Order/${id}`, orderName: `#${id}`, fulfillmentId: `gid://shopify/Fulfillment/${id}`, trackingNumber, carrier, nextCheckAt: new Date() },
  });
}

describe("FedEx Advanced Integrated Visibility and USPS subscription pushes", () => {
  beforeAll(async () => {
    await database().db.shop.create({ data: { domain: shop } });
    await track("fedex-parcel", "794843185271", "fedex");
    await track("usps-parcel", "9400111899223197428490", "usps");
  });

  it("merges a FedEx push signed with the security token, refuses others", async () => {
    const body = fixture("fedex", "push-delivered");
    expect((await post(fedex.action, body, { [FEDEX_SIGNATURE_HEADER]: signFedexPush(body, "another-token") })).status).toBe(401);
    expect((await post(fedex.action, body, {})).status).toBe(401);
    const response = await post(fedex.action, body, { [FEDEX_SIGNATURE_HEADER]: signFedexPush(body, "fedex-security-token") });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: true, updated: 1 });
    expect((await database().db.shipment.findUniqueOrThrow({ where: { id: "fedex-parcel" } })).status).toBe("delivered");
  });

  it("merges a USPS notification signed over timestamp + payload, refuses others", async () => {
    const body = fixture("usps", "push-in-transit");
    expect((await post(usps.action, body, { [USPS_SIGNATURE_HEADER]: signUspsPush(body, "fedcba9876543210fedcba9876543210") })).status).toBe(401);
    const response = await post(usps.action, body, { [USPS_SIGNATURE_HEADER]: signUspsPush(body, USPS_SECRET) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: true, updated: 1 });
    expect((await database().db.shipment.findUniqueOrThrow({ where: { id: "usps-parcel" } })).status).toBe("in_transit");
  });
});
