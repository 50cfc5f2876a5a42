import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeCarrierContract } from "./plugin.contract";
import { CARRIERS, CARRIER_CLAIM_PAGES, CARRIER_LIMITS, DIRECT_CARRIERS, carrierRegistry, createCarrierRegistry, routeCarrier } from "./registry";

// Every registered carrier folder, through the same contract.
for (const plugin of CARRIERS) describeCarrierContract(plugin, join(__dirname, plugin.code, "__fixtures__"));

describe("carrier registry", () => {
  it("derives codes, roles, limits and routing from the folders", () => {
    expect(carrierRegistry.codes).toEqual(["ups", "fedex", "usps", "dhl", "seventeen_track", "aftership"]);
    expect(DIRECT_CARRIERS).toEqual(["ups", "fedex", "usps", "dhl"]);
    expect(carrierRegistry.aggregator).toBe("seventeen_track");
    expect(carrierRegistry.aggregators).toEqual(["seventeen_track", "aftership"]);
    expect(CARRIER_LIMITS.fedex.numbersPerRequest).toBe(30);
    expect(CARRIER_LIMITS.dhl.fetchesPerShipmentPerDay).toBe(10);
    expect(routeCarrier("United Parcel Service")).toEqual({ adapter: "ups", carrierName: "United Parcel Service" });
    expect(routeCarrier("DHL eCommerce Solutions").adapter).toBe("dhl");
    expect(routeCarrier("Royal Mail").adapter).toBe("seventeen_track");
    expect(routeCarrier("constructor").adapter).toBe("seventeen_track");
    expect(carrierRegistry.adapterCodeFor("yodel")).toBe("seventeen_track");
    expect(carrierRegistry.get("seventeen_track").path).toBe("17track");
  });

  it("takes each carrier's claim / contact page from its folder", () => {
    expect(CARRIER_CLAIM_PAGES).toEqual({
      ups: "https://www.ups.com/us/en/support/file-a-claim.page",
      fedex: "https://www.fedex.com/en-us/customer-support/claims.html",
      usps: "https://www.usps.com/help/claims.htm",
      dhl: "https://www.dhl.com/global-en/home/customer-service.html",
      seventeen_track: null,
      aftership: null,
    });
    for (const plugin of CARRIERS) expect(CARRIER_CLAIM_PAGES[plugin.code]).toBe(plugin.claimPage);
  });

  it("sends the long tail to the shop's chosen aggregator, never to a direct carrier by choice", () => {
    expect(routeCarrier("Royal Mail", "aftership").adapter).toBe("aftership");
    expect(routeCarrier("UPS", "aftership").adapter).toBe("ups");
    expect(carrierRegistry.adapterCodeFor("yodel", "aftership")).toBe("aftership");
    expect(carrierRegistry.adapterCodeFor("seventeen_track", "aftership")).toBe("aftership");
    expect(carrierRegistry.adapterCodeFor("yodel", "ups")).toBe("seventeen_track");
    expect(carrierRegistry.adapterCodeFor("yodel", null)).toBe("seventeen_track");
  });

  it("refuses lists that would fail silently later", () => {
    const [ups, fedex, , , aggregator, second] = CARRIERS;
    expect(() => createCarrierRegistry([ups, ups, aggregator])).toThrow(/registered twice/);
    expect(() => createCarrierRegistry([ups, fedex])).toThrow(/at least one aggregator/);
    expect(createCarrierRegistry([ups, second, aggregator]).aggregator).toBe("aftership");
    expect(() => createCarrierRegistry([ups, { ...fedex, path: "ups" }, aggregator])).toThrow(/path ups is used twice/);
    expect(() => createCarrierRegistry([ups, { ...fedex, aliases: ["ups"] }, aggregator])).toThrow(/claimed by ups and fedex/);
    expect(() => carrierRegistry.get("royal_mail" as never)).toThrow(/no carrier royal_mail/);
  });
});
