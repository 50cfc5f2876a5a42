import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { EstimatesPage } from "~/components/EstimatesPage";
import { database } from "~/data/client.server";
import { renderAdminPage } from "~/testing/render-admin-page";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { loader } from "./app.estimates";

describe("Delivery estimates page", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db);
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000);
    for (let index = 0; index < 3; index++) {
      await db.shipment.create({
        data: {
          shopDomain: TEST_APP.shop,
          orderId: `gid://shopify/Order/${index}`,
          orderName: `#${index}`,
          fulfillmentId: `gid://shopify/Fulfillment/${index}`,
          trackingNumber: `EP${index}`,
          carrier: "usps",
          status: "delivered",
          originCountry: "US",
          destinationCountry: "US",
          deliveredAt: day(5),
          firstPredictedDeliveryAt: day(5),
          predictedDeliveryStart: day(6),
          predictedDeliveryEnd: day(4),
          shownEstimateEnd: day(4),
          estimatedDeliveryAt: day(8),
          firstCarrierEstimateAt: day(8),
          estimateSource: "trackline",
        },
      });
    }
  });

  it("shows both estimates' calibration by carrier and lane, and which one shoppers see", async () => {
    const { page } = await loader({ request: adminRequest("/app/estimates"), params: {}, context: {} });
    expect(page.overall.trackline).toEqual({ parcels: 3, meanErrorDays: 0, windowCoverage: 1, lateRate: 0 });
    expect(page.overall.carrierEstimate).toEqual({ parcels: 3, meanErrorDays: 3, windowCoverage: 0, lateRate: 1 });
    expect(page.lanes.map((lane) => [lane.carrier, lane.lane, lane.parcels, lane.shown])).toEqual([["usps", "US → US", 3, "trackline"]]);
    const html = renderAdminPage(createElement(EstimatesPage, { page }));
    expect(html).toContain("Delivery estimates");
    expect(html).toContain("Predicted vs actual");
    expect(html).toContain("US → US");
    expect(html).toContain("The worker has not built the model yet.");
  });

  it("speaks the staff member's language: title, headings, lane choice and numbers", async () => {
    const data = await loader({ request: adminRequest("/app/estimates?locale=ko"), params: {}, context: {} });
    expect(data.title).toBe("배송 예상");
    const html = renderAdminPage(createElement(EstimatesPage, { page: data.page }), "ko");
    expect(html).toContain("예상과 실제 비교");
    expect(html).toContain("작업자가 아직 모델을 만들지 않았습니다.");
    expect(html).toContain("3.0일");
    expect(html).toContain("최근 90일 동안 배송 완료");
    expect(html).not.toContain("Predicted vs actual");
    const de = renderAdminPage(createElement(EstimatesPage, { page: data.page }), "de");
    expect(de).toContain("3,0 T.");
  });
});
