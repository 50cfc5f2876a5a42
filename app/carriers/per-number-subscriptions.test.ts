import { describe, expect, it } from "vitest";
import { subscribeEachNumber, unsubscribeEachNumber, type PerNumberSubscribe } from "./per-number-subscriptions";

/** A carrier whose answers per number are given up front; records the numbers it was asked for. */
function carrier(answers: Record<string, { status: number; json: unknown } | Error>) {
  const asked: string[] = [];
  const how: PerNumberSubscribe = {
    create: async (trackingNumber) => {
      asked.push(trackingNumber);
      const answer = answers[trackingNumber];
      if (answer === undefined) throw new Error(`unexpected ${trackingNumber}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    refusal: (status, json) => `refused (HTTP ${status}): ${JSON.stringify(json)}`,
    idOf: (json) => (json && typeof json === "object" && "id" in json && typeof json.id === "string" ? json.id : undefined),
    missingId: "no id",
  };
  return { how, asked };
}

describe("subscribeEachNumber", () => {
  it("gives every number its own outcome: created, refused, without id, or failed in transport", async () => {
    const { how, asked } = carrier({
      A1: { status: 201, json: { id: "s-1" } },
      B2: { status: 400, json: { detail: "bad number" } },
      C3: { status: 200, json: {} },
      D4: new Error("socket hang up"),
      E5: { status: 200, json: { id: "s-5" } },
    });
    expect(await subscribeEachNumber(["A1", "B2", "C3", "D4", "E5"], how)).toEqual([
      { trackingNumber: "A1", ok: true, externalId: "s-1" },
      { trackingNumber: "B2", ok: false, error: 'refused (HTTP 400): {"detail":"bad number"}' },
      { trackingNumber: "C3", ok: false, error: "no id" },
      { trackingNumber: "D4", ok: false, error: "socket hang up" },
      { trackingNumber: "E5", ok: true, externalId: "s-5" },
    ]);
    expect(asked).toEqual(["A1", "B2", "C3", "D4", "E5"]);
  });

  it("makes no call at all when the subscription cannot be made, and says why for each number", async () => {
    const { how, asked } = carrier({});
    expect(await subscribeEachNumber(["A1", "B2"], { ...how, unusable: "no push secret" })).toEqual([
      { trackingNumber: "A1", ok: false, error: "no push secret" },
      { trackingNumber: "B2", ok: false, error: "no push secret" },
    ]);
    expect(asked).toEqual([]);
  });
});

describe("unsubscribeEachNumber", () => {
  it("removes every entry with an id, counts 404 as removed, and reports the other failures together", async () => {
    const statuses: Record<string, number> = { "s-1": 204, "s-2": 404, "s-3": 400, "s-4": 403 };
    const removed: string[] = [];
    const entries = [
      { trackingNumber: "A1", externalId: "s-1" },
      { trackingNumber: "B2", externalId: "s-2" },
      { trackingNumber: "N0" },
      { trackingNumber: "C3", externalId: "s-3" },
      { trackingNumber: "D4", externalId: "s-4" },
    ];
    const run = unsubscribeEachNumber(
      entries,
      async (id) => {
        removed.push(id);
        return { status: statuses[id] ?? 500 };
      },
      "Carrier did not remove every subscription",
    );
    await expect(run).rejects.toThrow(new Error("Carrier did not remove every subscription (C3: HTTP 400, D4: HTTP 403)"));
    expect(removed).toEqual(["s-1", "s-2", "s-3", "s-4"]);
  });

  it("resolves when every removal succeeded or was already gone", async () => {
    const entries = [
      { trackingNumber: "A1", externalId: "s-1" },
      { trackingNumber: "B2", externalId: "s-2" },
    ];
    await expect(unsubscribeEachNumber(entries, async (id) => ({ status: id === "s-1" ? 200 : 404 }), "x")).resolves.toBeUndefined();
  });
});
