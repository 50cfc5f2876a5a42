import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFedexPush, signFedexPush, verifyFedexPush } from "./push.server";

const body = readFileSync(join(__dirname, "__fixtures__", "push-delivered.json"), "utf8");

describe("FedEx Advanced Integrated Visibility push", () => {
  it("accepts the base64 HMAC-SHA256 of the raw body keyed with the security token, and nothing else", () => {
    const signature = signFedexPush(body, "security-token");
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verifyFedexPush(body, signature, "security-token")).toBe(true);
    expect(verifyFedexPush(body, signature, "other-token")).toBe(false);
    expect(verifyFedexPush(`${body} `, signature, "security-token")).toBe(false);
    expect(verifyFedexPush(body, null, "security-token")).toBe(false);
    expect(verifyFedexPush(body, signature, "")).toBe(false);
  });

  it("reads one pushed track result as that number's events", () => {
    const push = parseFedexPush(JSON.parse(body));
    expect(push.kind).toBe("updated");
    const item = push.kind === "updated" ? push.items[0] : undefined;
    expect(item).toMatchObject({ kind: "found", trackingNumber: "794843185271" });
    expect(item?.kind === "found" ? item.events.at(-1)?.status : undefined).toBe("delivered");
    expect(parseFedexPush({ hello: "world" })).toMatchObject({ kind: "invalid" });
  });
});
