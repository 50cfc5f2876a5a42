import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { findSealedCredentials } from "~/data/carrier-accounts.server";
import { CarrierAccountError, listCarrierAccounts, loadCarrierCredentials, removeCarrierAccount, saveCarrierCredentials } from "./carrier-accounts.server";
import { open, seal, SealedBoxError } from "./sealed-box.server";

const key = crypto.randomBytes(32).toString("base64");
const shopDomain = "creds-shop.myshopify.com";

describe("sealed box", () => {
  it("round-trips and refuses a wrong key, other associated data, or tampering", () => {
    const sealed = seal("secret", key, "a");
    expect(open(sealed, key, "a")).toBe("secret");
    expect(() => open(sealed, crypto.randomBytes(32).toString("base64"), "a")).toThrow(SealedBoxError);
    expect(() => open(sealed, key, "b")).toThrow(SealedBoxError);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."), key, "a")).toThrow(SealedBoxError);
    expect(seal("secret", key, "a")).not.toBe(sealed);
  });

  it("refuses a key that is not 32 bytes every time, and opens with each of several keys in turn", () => {
    const short = crypto.randomBytes(16).toString("base64");
    for (let round = 0; round < 2; round++) {
      expect(() => seal("secret", short, "a")).toThrow("the credentials key must be 32 bytes (base64)");
      expect(() => open(seal("secret", key, "a"), short, "a")).toThrow(SealedBoxError);
    }
    const others = Array.from({ length: 20 }, () => crypto.randomBytes(32).toString("base64"));
    const sealedByKey = others.map((other) => seal(`secret for ${other}`, other, "a"));
    for (let round = 0; round < 2; round++) {
      others.forEach((other, index) => expect(open(sealedByKey[index] as string, other, "a")).toBe(`secret for ${other}`));
      expect(() => open(sealedByKey[0] as string, others[1] as string, "a")).toThrow(SealedBoxError);
    }
  });
});

describe("carrier accounts", () => {
  beforeAll(async () => {
    await database().db.shop.create({ data: { domain: shopDomain } });
  });

  it("validates, seals at rest, shows only a mask, and opens for sync", async () => {
    const credentials = { clientId: "ups-client-id-7f3a", clientSecret: "super-secret-value" };
    const saved = await saveCarrierCredentials(database().db, { key, shopDomain, carrier: "ups", credentials });
    expect(saved.maskedHint).toBe("••••7f3a");
    const stored = await findSealedCredentials(database().db, shopDomain, "ups");
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain("super-secret-value");
    expect(await loadCarrierCredentials(database().db, { key, shopDomain, carrier: "ups" })).toEqual(credentials);
    expect((await listCarrierAccounts(database().db, shopDomain)).map((account) => account.carrier)).toEqual(["ups"]);
    expect(await removeCarrierAccount(database().db, shopDomain, "ups")).toBe(true);
    expect(await loadCarrierCredentials(database().db, { key, shopDomain, carrier: "ups" })).toBeNull();
  });

  it("rejects invalid input field by field, unknown carriers, and a missing key", async () => {
    const invalid = await saveCarrierCredentials(database().db, { key, shopDomain, carrier: "dhl", credentials: {} }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(CarrierAccountError);
    expect(Object.keys((invalid as CarrierAccountError).fieldErrors)).toContain("apiKey");
    await expect(saveCarrierCredentials(database().db, { key, shopDomain, carrier: "pigeon", credentials: {} })).rejects.toThrow(/unknown carrier/);
    await expect(
      saveCarrierCredentials(database().db, { key: undefined, shopDomain, carrier: "dhl", credentials: { apiKey: "k" } }),
    ).rejects.toThrow(/CREDENTIALS_KEY/);
  });
});
