import { describe, expect, it } from "vitest";
import { CARRIERS } from "~/carriers/registry";
import { parseEnv } from "~/config/env.server";
import { appCarrierCredentials } from "./carrier-adapters.server";

describe("app-level carrier credentials from the environment", () => {
  it("every variable a carrier folder names is one the environment schema reads", () => {
    for (const plugin of CARRIERS) {
      for (const name of [...Object.values(plugin.credentialEnv), ...(plugin.push?.secretEnv ?? [])]) {
        const env: Record<string, unknown> = parseEnv({ [name]: "value-1" });
        expect(env[name], `${plugin.code}: ${name}`).toBe("value-1");
      }
    }
  });

  it("builds each carrier's credentials from the variables its folder declares, null when incomplete", () => {
    const env = parseEnv({
      UPS_CLIENT_ID: "ups-id",
      UPS_CLIENT_SECRET: "ups-secret",
      FEDEX_CLIENT_ID: "fedex-id-without-secret",
      DHL_API_KEY: "dhl-key",
      SEVENTEEN_TRACK_API_KEY: "17-key",
      SEVENTEEN_TRACK_WEBHOOK_KEY: "17-push",
      AFTERSHIP_WEBHOOK_SECRET: "as-secret-without-key",
    });
    expect(appCarrierCredentials(env)).toEqual({
      ups: { clientId: "ups-id", clientSecret: "ups-secret" },
      fedex: null,
      usps: null,
      dhl: { apiKey: "dhl-key" },
      seventeen_track: { apiKey: "17-key", webhookKey: "17-push" },
      aftership: null,
    });
  });
});
