import { describe, expect, it } from "vitest";
import { DeliveryCalendar } from "~/domain/eta/calendar";
import { EtaModel } from "~/domain/eta/model";
import { estimateParcel, learnFromDelivery } from "~/domain/eta/parcel";
import { deliveryWeekdaysFor } from "./delivery-weekdays";

const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];

describe("carrier delivery weekdays", () => {
  it.each([
    ["usps", "US", MON_SAT],
    ["USPS", "us", MON_SAT],
    ["ups", "US", MON_SAT],
    ["ups", "GB", MON_FRI],
    ["fedex", "US", MON_SAT],
    ["fedex", "CA", MON_FRI],
    ["dhl", "DE", MON_SAT],
    ["dhl", "NL", MON_SAT],
    ["dhl", "FR", MON_FRI],
    ["dhl", null, MON_FRI],
    ["yunexpress", "US", MON_FRI],
    [null, "US", MON_FRI],
  ] as const)("%s to %s delivers on %j", (carrier, country, days) => {
    expect(deliveryWeekdaysFor(carrier, country)).toEqual(days);
  });

  it("lets the estimate land on a Saturday for a carrier that delivers then, never for one that does not", () => {
    const calendar = new DeliveryCalendar("America/New_York");
    const friday = Date.parse("2026-03-06T15:00:00Z");
    const week = 7 * 86_400_000;
    const train = (carrier: string, country: string, deliveredAfterMs: number) => {
      const model = new EtaModel({}, friday - 30 * week);
      const lane = { carrier, originCountry: "US", destinationCountry: country };
      // Twenty Fridays: labelled in the afternoon, delivered the next morning.
      for (let index = 20; index > 0; index--) {
        const shippedAtMs = friday - index * week;
        learnFromDelivery(model, calendar, { lane, shippedAtMs, deliveredAtMs: shippedAtMs + deliveredAfterMs, deliveryWeekdays: deliveryWeekdaysFor(carrier, country) });
      }
      return estimateParcel(model, calendar, { lane, shippedAtMs: friday, events: [], nowMs: friday + 3_600_000, deliveryWeekdays: deliveryWeekdaysFor(carrier, country) });
    };
    // USPS: Friday → Saturday is one delivery day, and the estimate says Saturday.
    expect(train("usps", "US", 18 * 3_600_000).prediction.p50).toBe("2026-03-07");
    // UPS in Great Britain: Friday → Monday is one delivery day, and the estimate says Monday.
    expect(train("ups", "GB", (3 * 24 - 6) * 3_600_000).prediction.p50).toBe("2026-03-09");
  });
});
