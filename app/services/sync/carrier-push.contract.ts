import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeventeenTrackPush } from "~/carriers/seventeen_track/parse";
import { signSeventeenTrackPush, verifySeventeenTrackPush } from "~/carriers/seventeen_track/push.server";
import { database } from "~/data/client.server";
import { receiptBody } from "~/data/webhook-receipts.server";
import { handleCarrierPush } from "./carrier-push.server";
import type { SyncEngine } from "./sync-engine.server";

const KEY = "push-contract-key";
const fixture = fs.readFileSync(path.join(import.meta.dirname, "../../carriers/seventeen_track/__fixtures__/push-updated.json"), "utf8");

function push(body: string) {
  const request = new Request("https://trackline.test/webhooks/carriers/17track", {
    method: "POST",
    headers: { "Content-Type": "application/json", sign: signSeventeenTrackPush(body, KEY) },
    body,
  });
  return handleCarrierPush(
    request,
    {
      adapterCode: "seventeen_track",
      secret: KEY,
      verify: (rawBody, req, key) => verifySeventeenTrackPush(rawBody, req.headers.get("sign"), key),
      parse: (json) => {
        const parsed = parseSeventeenTrackPush(json);
        if (parsed.kind === "invalid") return { error: parsed.message };
        return { items: parsed.kind === "updated" ? [parsed.item] : [] };
      },
    },
    // Unstorable pushes must be kept before any merge is attempted.
    { db: database().db, engine: () => Promise.reject(new Error("no merge expected")) as Promise<SyncEngine> },
  );
}

/** 17TRACK pushes holding NUL bytes are kept whole, on each provider. */
export function carrierPushContract(expectedProvider: "sqlite" | "postgres") {
  describe(`carrier pushes with NUL on ${expectedProvider}`, () => {
    it.each([
      ["a raw NUL byte (not JSON)", fixture.replace("LX123456789CN", "LX123456789CN\u0000")],
      ["an escaped NUL in an event's text", fixture.replace(/"description":\s*"/, '"description": "\\u0000')],
    ])("keeps a signed push with %s losslessly and answers 200", async (_name, body) => {
      expect(database().provider).toBe(expectedProvider);
      expect(body).not.toBe(fixture);
      const warn = console.warn;
      console.warn = () => {};
      const response = await push(body).finally(() => (console.warn = warn));
      expect(response.status).toBe(200);
      const { accepted, kept } = (await response.json()) as { accepted: boolean; kept: string };
      expect(accepted).toBe(false);
      const receipt = await database().db.webhookReceipt.findUniqueOrThrow({ where: { id: kept } });
      expect(receiptBody(receipt)).toBe(body);
      expect(receipt.topic).toBe("carrier/seventeen_track");
    });
  });
}
