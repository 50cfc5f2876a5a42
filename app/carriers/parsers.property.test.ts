import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "./adapter";
import dhlFixture from "./dhl/__fixtures__/delivered.json";
import fedexFixture from "./fedex/__fixtures__/delivered.json";
import { CARRIER_PLUGINS } from "./registry";
import seventeenFixture from "./seventeen_track/__fixtures__/gettrackinfo.json";
import { parseSeventeenTrackPush } from "./seventeen_track/parse";
import upsFixture from "./ups/__fixtures__/multi-package.json";
import uspsFixture from "./usps/__fixtures__/delivered.json";

const FIXTURES = { ups: upsFixture, fedex: fedexFixture, usps: uspsFixture, dhl: dhlFixture, seventeen_track: seventeenFixture };

function wellFormed(result: ParseResult): void {
  if (!result.ok) {
    expect(result.error.kind).toBe("unexpected_shape");
    return;
  }
  for (const item of result.items) {
    expect(["found", "not_found", "error"]).toContain(item.kind);
    if (item.kind === "found") {
      for (const e of item.events) expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  }
}

/** Replaces random leaves of a real payload, so the fuzzing reaches deep into the parser. */
function mutate(value: unknown, rand: () => number, replacement: () => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mutate(v, rand, replacement));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rand() < 0.15 ? replacement() : mutate(v, rand, replacement)]));
  }
  return rand() < 0.3 ? replacement() : value;
}

describe.each(Object.entries(CARRIER_PLUGINS))("%s parser", (code, plugin) => {
  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        wellFormed(plugin.parse(json));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on randomly corrupted real payloads", () => {
    const fixture = FIXTURES[code as keyof typeof FIXTURES];
    fc.assert(
      fc.property(fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), (stream, junk) => {
        const it = stream[Symbol.iterator]();
        let i = 0;
        const rand = () => it.next().value as number;
        const corrupted = mutate(fixture, rand, () => junk[i++ % junk.length]);
        wellFormed(plugin.parse(corrupted, ["A"]));
      }),
      { numRuns: 200 },
    );
  });
});

it("17TRACK push parser never throws", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (json) => {
      expect(["updated", "stopped", "ignored", "invalid"]).toContain(parseSeventeenTrackPush(json).kind);
    }),
    { numRuns: 300 },
  );
});
