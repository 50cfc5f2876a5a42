import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "../testing/carrier-simulator/server";
import { database } from "../data/client.server";
import { loadSettings, testCarrierAccount, addCarrierAccount } from "../services/settings/settings.server";
import { carrierRulesFor, parseTrackingRules } from "../services/settings/tracking-rules";
import { TEST_APP } from "../testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { action, loader } from "./app.settings";

const OTHER = "other-shop.myshopify.com";
const post = (form: Record<string, string | string[]>) => action({ request: adminRequest("/app/settings", { form }), params: {}, context: {} });
const KEY = Buffer.alloc(32, 7).toString("base64");

describe("settings", () => {
  let simulator: CarrierSimulator;
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db);
    await db.shop.create({ data: { domain: OTHER, supportMinutesPerInquiry: 9 } });
    simulator = await startCarrierSimulator();
  });
  afterAll(() => simulator.close());

  it("saves general settings and rejects bad input with field messages, changing nothing", async () => {
    const bad = await post({ intent: "general", writeBackEnabled: "off", supportMinutesPerInquiry: "0", brandAccentColor: "blue", brandLogoUrl: "http://x/logo.png", locales: ["en", "xx"] });
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors).toEqual({
      supportMinutesPerInquiry: "At least 1 minute",
      brandAccentColor: "Use a hex colour like #1a73e8",
      brandLogoUrl: "Use an https:// address of your logo image",
      locales: expect.stringContaining("Supported languages"),
    });
    expect((await loader({ request: adminRequest("/app/settings"), params: {}, context: {} })).settings.general.writeBackEnabled).toBe(true);

    const good = await post({ intent: "general", writeBackEnabled: "off", supportMinutesPerInquiry: "8", brandAccentColor: "#1A73E8", brandLogoUrl: "https://cdn.example.com/logo.png", locales: ["fr", "en"] });
    expect(good).toEqual({ intent: "general", ok: true, message: "Settings saved", fieldErrors: {} });
    const { settings } = await loader({ request: adminRequest("/app/settings"), params: {}, context: {} });
    expect(settings.general).toEqual({ writeBackEnabled: false, supportMinutesPerInquiry: 8, brandAccentColor: "#1a73e8", brandLogoUrl: "https://cdn.example.com/logo.png", locales: ["fr", "en"] });
    // The other shop is untouched.
    const other = await database().db.shop.findUniqueOrThrow({ where: { domain: OTHER } });
    expect(other.supportMinutesPerInquiry).toBe(9);
    expect(other.writeBackEnabled).toBe(true);
  });

  it("validates and stores stalled thresholds the sync engine can read", async () => {
    const bad = await post({ intent: "rules", rules: JSON.stringify({ defaults: { stalledAfterBusinessDays: { domestic: 0 } }, carriers: { ups: { notPickedUpAfterBusinessDays: 2.5 } } }) });
    expect(bad.fieldErrors).toEqual({
      "defaults.stalledAfterBusinessDays.domestic": "must be at least 1 business day",
      "carriers.ups.notPickedUpAfterBusinessDays": "must be a whole number of business days",
    });
    const good = await post({ intent: "rules", rules: JSON.stringify({ defaults: { stalledAfterBusinessDays: { domestic: 4 } }, carriers: { usps: { stalledAfterBusinessDays: { international: 10 } }, dhl: {} } }) });
    expect(good.ok).toBe(true);
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    const rules = parseTrackingRules(shop.trackingRulesJson);
    expect(rules).toEqual({ defaults: { stalledAfterBusinessDays: { domestic: 4 } }, carriers: { usps: { stalledAfterBusinessDays: { international: 10 } } } });
    expect(carrierRulesFor(rules, "usps")).toEqual({ stalledAfterBusinessDays: { domestic: 4, international: 10 } });
    expect(carrierRulesFor(rules, "ups")).toEqual({ stalledAfterBusinessDays: { domestic: 4, international: 7 } });
    expect(parseTrackingRules("not json")).toEqual({ defaults: {}, carriers: {} });
  });

  it("adds and removes carrier-name mappings, normalized", async () => {
    expect((await post({ intent: "add-mapping", name: "  ", carrier: "UPS!" })).fieldErrors).toMatchObject({ name: expect.any(String), carrier: expect.stringContaining("carrier code") });
    expect((await post({ intent: "add-mapping", name: "Acme  Express (EN)", carrier: "Canada_Post" })).ok).toBe(true);
    const { settings } = await loader({ request: adminRequest("/app/settings"), params: {}, context: {} });
    expect(settings.mappings).toEqual([{ name: "acme express", carrier: "canada_post" }]);
    expect((await post({ intent: "remove-mapping", name: "acme express" })).ok).toBe(true);
    expect((await post({ intent: "remove-mapping", name: "acme express" })).message).toBe("That mapping no longer exists");
  });

  it("explains that credentials cannot be stored without an encryption key", async () => {
    const { settings } = await loader({ request: adminRequest("/app/settings"), params: {}, context: {} });
    expect(settings.credentialsUnavailable).toContain("CREDENTIALS_KEY");
    const result = await post({ intent: "add-account", carrier: "dhl", "credential.apiKey": "abcdef123456" });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("CREDENTIALS_KEY") });
  });

  it("stores credentials encrypted and masked, tests them against the carrier, and removes them", async () => {
    const { db } = database();
    await expect(addCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "ups", credentials: { clientId: "" } })).rejects.toMatchObject({ fieldErrors: expect.objectContaining({ clientId: expect.any(String) }) });
    const saved = await addCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "ups", credentials: { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: SIMULATOR_CREDENTIALS.clientSecret } });
    expect(saved.maskedHint).toBe("••••t-id");
    const row = await db.carrierAccount.findFirstOrThrow({ where: { shopDomain: TEST_APP.shop } });
    expect(row.credentialsEncrypted).not.toContain(SIMULATOR_CREDENTIALS.clientSecret);
    const view = await loadSettings(db, TEST_APP.shop, { credentialsKey: KEY });
    expect(view.carrierAccounts.map((account) => account.carrier)).toEqual(["ups"]);
    expect(JSON.stringify(view)).not.toContain(SIMULATOR_CREDENTIALS.clientSecret);

    const accepted = await testCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "ups", trackingNumber: "1Z999AA10123456784", adapter: { baseUrl: simulator.baseUrl("ups") } });
    expect(accepted.outcome).toBe("accepted");
    await addCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "ups", credentials: { clientId: SIMULATOR_CREDENTIALS.clientId, clientSecret: "wrong" } });
    const rejected = await testCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "ups", trackingNumber: "1Z999AA10123456784", adapter: { baseUrl: simulator.baseUrl("ups") } });
    expect(rejected.outcome).toBe("rejected");
    expect(rejected.detail).toContain("Credentials rejected");
    await expect(testCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "fedex" })).rejects.toThrow("No FedEx account is saved");
    await expect(testCarrierAccount(db, OTHER, { key: KEY, carrier: "ups" })).rejects.toThrow("No UPS account is saved");

    expect((await post({ intent: "remove-account", carrier: "ups" })).ok).toBe(true);
    expect(await db.carrierAccount.count()).toBe(0);
  });
});
