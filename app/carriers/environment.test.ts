import { describe, expect, it } from "vitest";
import { fakePostCarrier } from "~/testing/carriers/fake_post/carrier";
import { CARRIER_ENV_NAMES, carrierEnvNames } from "./environment";

describe("carrier environment variables", () => {
  it("takes the names from the folders' declarations, each once", () => {
    expect(CARRIER_ENV_NAMES).toEqual([
      "UPS_CLIENT_ID",
      "UPS_CLIENT_SECRET",
      "UPS_TRACK_ALERT_CREDENTIAL",
      "FEDEX_CLIENT_ID",
      "FEDEX_CLIENT_SECRET",
      "FEDEX_WEBHOOK_SECURITY_TOKEN",
      "USPS_CLIENT_ID",
      "USPS_CLIENT_SECRET",
      "USPS_PUSH_SECRET",
      "DHL_API_KEY",
      "DHL_PUSH_SECRET",
      "SEVENTEEN_TRACK_API_KEY",
      "SEVENTEEN_TRACK_WEBHOOK_KEY",
      "AFTERSHIP_API_KEY",
      "AFTERSHIP_WEBHOOK_SECRET",
    ]);
    expect(carrierEnvNames([fakePostCarrier])).toEqual(["FAKE_POST_API_KEY"]);
  });
});
