import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseUspsPush, signUspsPush, verifyUspsPush } from "./push.server";

const SECRET = "0123456789abcdef0123456789abcdef";
const body = readFileSync(join(__dirname, "__fixtures__", "push-in-transit.json"), "utf8");

describe("USPS Subscriptions – Tracking notification", () => {
  it("signs timestamp + payload with the subscription secret (X-HMAC, base64 HMAC-SHA256)", () => {
    const envelope = JSON.parse(body) as { timestamp: string; payload: string };
    const byHand = createHmac("sha256", SECRET).update(`${envelope.timestamp}${envelope.payload}`, "utf8").digest("base64");
    expect(signUspsPush(body, SECRET)).toBe(byHand);
    expect(verifyUspsPush(body, byHand, SECRET)).toBe(true);
    expect(verifyUspsPush(body, byHand, "fedcba9876543210fedcba9876543210")).toBe(false);
    const tampered = body.replace("ATLANTA", "BOSTON");
    expect(tampered).not.toBe(body);
    expect(verifyUspsPush(tampered, byHand, SECRET)).toBe(false);
    expect(verifyUspsPush("not json", byHand, SECRET)).toBe(false);
  });

  it("reads the payload string as a Tracking v3 response", () => {
    const push = parseUspsPush(JSON.parse(body));
    expect(push.kind).toBe("updated");
    const item = push.kind === "updated" ? push.items[0] : undefined;
    expect(item).toMatchObject({ kind: "found", trackingNumber: "9400111899223197428490" });
    expect(item?.kind === "found" ? item.events.at(-1)?.status : undefined).toBe("in_transit");
    expect(parseUspsPush({ subscriptionId: "x", payload: "{not json" })).toMatchObject({ kind: "invalid" });
  });
});
