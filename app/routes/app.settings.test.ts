import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS, startCarrierSimulator, type CarrierSimulator } from "~/testing/carrier-simulator/server";
import { database } from "~/data/client.server";
import { loadSettings, testCarrierAccount, addCarrierAccount } from "~/services/settings/settings.server";
import { carrierRulesFor, parseTrackingRules } from "~/services/settings/tracking-rules";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { action, loader } from "./app.settings";

const OTHER = "other-shop.myshopify.com";
// The action answers two shapes (Conform's reply for "save", a result for list actions): tests read both.
type Answer = Record<string, unknown> & { ok?: boolean; message: string; fieldErrors?: Record<string, string> };
const post = async (form: Record<string, string | string[]>, locale?: string) =>
  (await action({ request: adminRequest(locale ? `/app/settings?locale=${locale}` : "/app/settings", { form }), params: {}, context: {} })) as Answer;
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

  it("saves the form with the shared schema, answers field errors as catalogue keys and changes nothing when rejected", async () => {
    const { db } = database();
    const before = await db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    const bad = await post({
      intent: "save",
      supportMinutesPerInquiry: "0",
      brandAccentColor: "blue",
      "locales[0]": "en",
      "locales[1]": "xx",
      longTailAggregator: "seventeen_track",
      supportContact: "http://example.com/help",
      "heading.fr": "x".repeat(81),
    });
    expect(bad).toMatchObject({
      status: "error",
      message: "Some settings need fixing",
      error: {
        supportMinutesPerInquiry: ["settings.error.minutesMin"],
        brandAccentColor: ["settings.error.colour"],
        locales: ["settings.error.localesUnknown"],
        supportContact: ["settings.error.contact"],
        "heading.fr": ["settings.error.headingLong"],
      },
    });
    expect(await db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } })).toEqual(before);

    const good = await post({
      intent: "save",
      supportMinutesPerInquiry: "8",
      brandAccentColor: "#1A73E8",
      backgroundColor: "#FFFDF5",
      "locales[0]": "fr",
      "locales[1]": "en",
      longTailAggregator: "seventeen_track",
      rules: "{}",
      "heading.fr": "  Où est mon colis ?  ",
      "heading.en": "Where is my parcel?",
      "intro.fr": "Suivez votre commande.",
      supportContact: "help@maple.example",
      showScanHistory: "on",
      showEstimate: "on",
    });
    expect(good).toMatchObject({ status: "success", message: "Settings saved" });
    const row = await db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    expect({ writeBack: row.writeBackEnabled, minutes: row.supportMinutesPerInquiry, accent: row.brandAccentColor, locales: row.locales, longTail: row.longTailAggregator }).toEqual({
      writeBack: false,
      minutes: 8,
      accent: "#1a73e8",
      locales: "fr,en",
      longTail: "seventeen_track",
    });
    expect(JSON.parse(row.trackingPageJson)).toEqual({
      heading: { fr: "Où est mon colis ?", en: "Where is my parcel?" },
      intro: { fr: "Suivez votre commande." },
      supportContact: "help@maple.example",
      backgroundColor: "#fffdf5",
      sections: { scanHistory: true, lineItems: false, estimate: true },
    });
    const { settings } = await loader({ request: adminRequest("/app/settings"), params: {}, context: {} });
    expect(settings.general).toEqual({ writeBackEnabled: false, supportMinutesPerInquiry: 8, brandAccentColor: "#1a73e8", locales: ["fr", "en"] });
    expect(settings.branding.sections).toEqual({ scanHistory: true, lineItems: false, estimate: true });
    expect(settings.publicUrl).toBe(`https://${TEST_APP.shop}/apps/track`);
    // The other shop is untouched.
    const other = await db.shop.findUniqueOrThrow({ where: { domain: OTHER } });
    expect(other.supportMinutesPerInquiry).toBe(9);
    expect(other.trackingPageJson).toBe("{}");
  });

  it("answers in the merchant's language", async () => {
    const result = await action({ request: adminRequest("/app/settings?locale=ko", { form: { intent: "save", supportMinutesPerInquiry: "0" } }), params: {}, context: {} });
    expect(result.message).toBe("수정이 필요한 설정이 있습니다");
    const { title } = await loader({ request: adminRequest("/app/settings?locale=zh-CN"), params: {}, context: {} });
    expect(title).toBe("设置");
  });

  it("validates and stores stalled thresholds the sync engine can read", async () => {
    const form = { intent: "save", supportMinutesPerInquiry: "6", "locales[0]": "en", longTailAggregator: "seventeen_track", writeBackEnabled: "on" };
    const bad = await post({ ...form, rules: JSON.stringify({ defaults: { stalledAfterBusinessDays: { domestic: 0 } }, carriers: { ups: { notPickedUpAfterBusinessDays: 2.5 } } }) });
    expect(bad).toMatchObject({
      status: "error",
      error: {
        "rules.defaults.stalledAfterBusinessDays.domestic": ["settings.error.daysMin"],
        "rules.carriers.ups.notPickedUpAfterBusinessDays": ["settings.error.daysWhole"],
      },
    });
    const good = await post({ ...form, rules: JSON.stringify({ defaults: { stalledAfterBusinessDays: { domestic: 4 } }, carriers: { usps: { stalledAfterBusinessDays: { international: 10 } }, dhl: {} } }) });
    expect(good).toMatchObject({ status: "success" });
    const shop = await database().db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } });
    const rules = parseTrackingRules(shop.trackingRulesJson);
    expect(rules).toEqual({ defaults: { stalledAfterBusinessDays: { domestic: 4 } }, carriers: { usps: { stalledAfterBusinessDays: { international: 10 } } } });
    expect(carrierRulesFor(rules, "usps")).toEqual({ stalledAfterBusinessDays: { domestic: 4, international: 10 } });
    expect(carrierRulesFor(rules, "ups")).toEqual({ stalledAfterBusinessDays: { domestic: 4, international: 7 } });
    expect(parseTrackingRules("not json")).toEqual({ defaults: {}, carriers: {} });
  });

  it("maps a carrier name to a carrier picked from the list, never a typed code", async () => {
    const { settings } = await loader({ request: adminRequest("/app/settings"), params: {}, context: {} });
    expect(settings.mappableCarriers).toContainEqual({ code: "yunexpress", name: "YunExpress" });
    expect(settings.mappableCarriers).toContainEqual({ code: "ups", name: "UPS" });
    // The account form asks for each carrier's credential fields as its folder declares them.
    expect(settings.carriers.find((carrier) => carrier.code === "dhl")?.fields).toEqual([
      { name: "apiKey", label: "apiKey", secret: true },
      { name: "defaultService", label: "defaultService", secret: false },
    ]);
    expect(settings.carriers.find((carrier) => carrier.code === "ups")?.fields).toEqual([
      { name: "clientId", label: "clientId", secret: false },
      { name: "clientSecret", label: "clientSecret", secret: true },
      { name: "merchantId", label: "accountNumber", secret: false },
    ]);
    const refused = await post({ intent: "add-mapping", name: "  ", carrier: "not_a_carrier" });
    expect(refused).toEqual({ intent: "add-mapping", ok: false, message: "The mapping needs fixing", fieldErrors: { name: "settings.error.mappingName" } });
    const unknown = await post({ intent: "add-mapping", name: "Acme", carrier: "not_a_carrier" });
    expect(unknown.fieldErrors).toEqual({ carrier: "settings.error.mappingCarrier" });
    expect(await post({ intent: "add-mapping", name: "Acme  Express (EN)", carrier: "canada_post" })).toEqual({ intent: "add-mapping", ok: true, message: "Mapping saved", fieldErrors: {} });
    const rows = await database().db.carrierNameMapping.findMany({ where: { shopDomain: TEST_APP.shop }, select: { name: true, carrier: true } });
    expect(rows).toEqual([{ name: "acme express", carrier: "canada_post" }]);
    expect((await post({ intent: "remove-mapping", name: "acme express" })).message).toBe("Mapping removed");
    expect((await post({ intent: "remove-mapping", name: "acme express" })).message).toBe("That mapping no longer exists");
  });

  it("explains that credentials cannot be stored without an encryption key", async () => {
    const { settings } = await loader({ request: adminRequest("/app/settings"), params: {}, context: {} });
    expect(settings.credentialsUnavailable).toBe("settings.credentialsUnavailable");
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
    expect(rejected).toMatchObject({ detail: "settings.accountTest.rejected", values: { message: expect.stringMatching(/\S/) } });
    await expect(testCarrierAccount(db, TEST_APP.shop, { key: KEY, carrier: "fedex" })).rejects.toMatchObject({ message: "settings.error.noAccount", values: { carrier: "FedEx" } });
    await expect(testCarrierAccount(db, OTHER, { key: KEY, carrier: "ups" })).rejects.toMatchObject({ message: "settings.error.noAccount", values: { carrier: "UPS" } });
    // The page words the answer in the staff member's language; the carrier's own words stay as sent.
    expect(await post({ intent: "test-account", carrier: "fedex" }, "ko")).toEqual({ intent: "test-account", ok: false, message: "저장된 FedEx 계정이 없습니다", fieldErrors: {} });

    expect(await post({ intent: "remove-account", carrier: "ups" })).toEqual({ intent: "remove-account", ok: true, message: "Credentials removed", fieldErrors: {} });
    expect(await db.carrierAccount.count()).toBe(0);
  });
});
