import { describe, expect, it } from "vitest";
import { CARRIERS } from "~/carriers/registry";
import { ENV_NAMES, EnvError, parseEnv, requireShopifyCredentials } from "./env.server";

describe("parseEnv", () => {
  it("applies documented defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe("development");
    expect(env.TRACKLINE_DEMO).toBe(false);
  });

  it("names the variable of every malformed value", () => {
    let caught: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://db", PORT: "eighty", SHOPIFY_APP_URL: "not a url", CREDENTIALS_KEY: "c2hvcnQ=" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const message = (caught as EnvError).message;
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("PORT");
    expect(message).toContain("SHOPIFY_APP_URL");
    expect(message).toContain("CREDENTIALS_KEY: must be 32 bytes");
  });

  it("accepts Postgres URLs and a 32-byte credentials key", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://app@db:5432/trackline",
      CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
      TRACKLINE_DEMO: "1",
    });
    expect(env.DATABASE_URL).toMatch(/^postgresql:/);
    expect(env.TRACKLINE_DEMO).toBe(true);
  });
});

describe("carrier variables", () => {
  it("has an entry for every variable a registered carrier folder declares", () => {
    const declared = CARRIERS.flatMap((plugin) => [...Object.values(plugin.credentialEnv), ...(plugin.push?.secretEnv ?? [])]);
    expect(declared.length).toBeGreaterThan(0);
    for (const name of declared) expect(ENV_NAMES, name).toContain(name);
  });

  it("reads each one as optional trimmed text, blank as unset", () => {
    const env: Readonly<Record<string, unknown>> = parseEnv({ DHL_PUSH_SECRET: "  dhl-token  ", UPS_CLIENT_ID: "   ", AFTERSHIP_WEBHOOK_SECRET: "as-secret" });
    expect([env.DHL_PUSH_SECRET, env.UPS_CLIENT_ID, env.AFTERSHIP_WEBHOOK_SECRET, env.FEDEX_CLIENT_SECRET]).toEqual(["dhl-token", undefined, "as-secret", undefined]);
  });
});

describe("CARRIER_SIMULATOR_URL", () => {
  const simulator = { CARRIER_SIMULATOR_URL: "http://127.0.0.1:4010" };

  it.each([
    ["production", { NODE_ENV: "production" }],
    ["production over https", { NODE_ENV: "production", CARRIER_SIMULATOR_URL: "https://carriers.example.com" }],
    ["development against a real store", { NODE_ENV: "development" }],
    ["unset NODE_ENV", {}],
  ])("is refused in %s: carrier credentials would go there", (_name, extra) => {
    expect(() => parseEnv({ ...simulator, ...extra })).toThrow(/CARRIER_SIMULATOR_URL: only allowed in demo mode/);
  });

  it("is accepted in demo mode and in tests", () => {
    expect(parseEnv({ ...simulator, TRACKLINE_DEMO: "1" }).CARRIER_SIMULATOR_URL).toBe("http://127.0.0.1:4010");
    expect(parseEnv({ ...simulator, NODE_ENV: "test" }).CARRIER_SIMULATOR_URL).toBe("http://127.0.0.1:4010");
    expect(parseEnv({ NODE_ENV: "production" }).CARRIER_SIMULATOR_URL).toBeUndefined();
  });
});

describe("requireShopifyCredentials", () => {
  it("lists each missing variable by name", () => {
    expect(() => requireShopifyCredentials(parseEnv({ SHOPIFY_API_KEY: "key" }))).toThrow(
      /SHOPIFY_API_SECRET[\s\S]*SHOPIFY_APP_URL[\s\S]*SCOPES/,
    );
  });

  it("returns trimmed scopes when everything is set", () => {
    const credentials = requireShopifyCredentials(
      parseEnv({
        SHOPIFY_API_KEY: "key",
        SHOPIFY_API_SECRET: "secret",
        SHOPIFY_APP_URL: "https://app.example.com",
        SCOPES: "read_orders, write_fulfillments",
      }),
    );
    expect(credentials.scopes).toEqual(["read_orders", "write_fulfillments"]);
  });
});
