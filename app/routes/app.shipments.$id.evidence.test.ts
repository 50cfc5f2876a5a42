import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { pdfText } from "~/testing/pdf-text";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { loader } from "./app.shipments.$id.evidence";

const get = (path: string, id: string) => loader({ request: adminRequest(path), params: { id }, context: {} });

describe("Download evidence pack", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db, "Europe/Berlin");
    await db.shop.create({ data: { domain: "someone-else.myshopify.com" } });
    for (const [id, shopDomain] of [["ev1", TEST_APP.shop], ["ev2", "someone-else.myshopify.com"]] as const) {
      await db.shipment.create({
        data: {
          id,
          shopDomain,
          orderId: `gid://shopify/Order/${id}`,
          orderName: `#${id.toUpperCase()}`,
          fulfillmentId: `gid://shopify/Fulfillment/${id}`,
          trackingNumber: "00340434292135100186",
          carrier: "dhl",
          status: "delivered",
          deliveredAt: new Date("2026-11-18T14:07:14Z"),
          proofOfDeliveryJson: JSON.stringify({ carrier: "dhl", signedBy: "A KUMAR", photoUrls: [], documentUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100186" }),
          events: { create: [{ occurredAt: new Date("2026-11-18T14:07:14Z"), status: "delivered", carrierCode: "delivered", description: "The shipment has been successfully delivered", city: "Bonn", country: "DE", dedupeKey: "d" }] },
        },
      });
    }
  });

  it("answers the order's pack as a PDF, and as text", async () => {
    const response = await get("/app/shipments/ev1/evidence", "ev1");
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="delivery-evidence-EV1.pdf"');
    const pdf = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.text).toContain("Delivery evidence for order #EV1");
    expect(pdf.text).toContain("Signed by: A KUMAR");
    expect(pdf.text).toContain("Carrier proof of delivery: https://www.dhl.de/int-verfolgen/pod/00340434292135100186");
    const text = await (await get("/app/shipments/ev1/evidence?format=txt", "ev1")).text();
    expect(text.split("\n")[0]).toBe("Delivery evidence for order #EV1");
    expect(text).toContain("The shipment has been successfully delivered — Bonn, DE");
  });

  it("another shop's shipment is not found", async () => {
    const thrown = await get("/app/shipments/ev2/evidence", "ev2").catch((error: unknown) => error);
    expect((thrown as Response).status).toBe(404);
  });
});
