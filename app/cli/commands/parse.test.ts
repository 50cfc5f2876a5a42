import { describe, expect, it } from "vitest";
import { UsageError, type CliIO } from "~/cli/command";
import { parseCommand } from "./parse";

function io(stdin = ""): CliIO & { out: string; err: string } {
  const state = {
    out: "",
    err: "",
    stdout: (t: string) => {
      state.out += t;
    },
    stderr: (t: string) => {
      state.err += t;
    },
    readStdin: () => Promise.resolve(stdin),
  };
  return state;
}

const FIXTURES = "app/carriers";

describe("cli parse", () => {
  it("prints canonical events, ETA and unmapped codes of a saved response", async () => {
    const out = io();
    expect(await parseCommand.run(["--carrier", "ups", `${FIXTURES}/ups/__fixtures__/multi-package.json`], out)).toBe(0);
    expect(out.out).toContain("UPS 1Z5338FF0107231059: found");
    expect(out.out).toContain("carrier ETA:    2026-11-23T00:00:00 → 2026-11-23T10:30:00 (local time)");
    expect(out.out).toContain("2026-11-21T04:30:00.000Z  exception");
    expect(out.out).toContain("unmapped codes: ZZ");
    expect(out.out).toContain("warning: activity 20261118 091000 has no UTC offset; assumed UTC");
  });

  it("prints delivery details", async () => {
    const out = io();
    expect(await parseCommand.run(["--carrier", "dhl", `${FIXTURES}/dhl/__fixtures__/delivered.json`], out)).toBe(0);
    expect(out.out).toContain("signed by A KUMAR");
    expect(out.out).toContain("POD https://www.dhl.de/int-verfolgen/pod/00340434292135100186");
  });

  it("emits JSON with --json and reads stdin with -", async () => {
    const body = JSON.stringify({ title: "No result found", status: 404, detail: "No shipment with given tracking number found." });
    const out = io(body);
    expect(await parseCommand.run(["--carrier", "dhl", "-", "--number", "X1", "--json"], out)).toBe(0);
    expect(JSON.parse(out.out)).toEqual({
      ok: true,
      items: [{ kind: "not_found", trackingNumber: "X1", message: "No shipment with given tracking number found." }],
    });
  });

  it("understands 17TRACK push payloads", async () => {
    const out = io();
    expect(await parseCommand.run(["--carrier", "seventeen_track", `${FIXTURES}/seventeen_track/__fixtures__/push-stopped.json`], out)).toBe(0);
    expect(out.out).toBe("17TRACK push: stopped LX123456789CN\n");
  });

  it("reads AfterShip webhook bodies, hand-over included", async () => {
    const out = io();
    expect(await parseCommand.run(["--carrier", "aftership", `${FIXTURES}/aftership/__fixtures__/push-handover.json`, "--json"], out)).toBe(0);
    const parsed = JSON.parse(out.out) as { ok: boolean; items: { trackingNumber: string; handover?: { trackingNumber: string } }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.items.map((item) => [item.trackingNumber, item.handover?.trackingNumber])).toEqual([["YT2612345678901234", "RM123456785GB"]]);
  });

  it("fails with 1 on unreadable files, non-JSON or bodies of another carrier", async () => {
    const missing = io();
    expect(await parseCommand.run(["--carrier", "ups", "/nonexistent/file.json"], missing)).toBe(1);
    expect(missing.err).toContain("cannot read");
    const notJson = io("<html>");
    expect(await parseCommand.run(["--carrier", "ups", "-"], notJson)).toBe(1);
    expect(notJson.err).toContain("not JSON");
    const wrong = io();
    expect(await parseCommand.run(["--carrier", "usps", `${FIXTURES}/fedex/__fixtures__/delivered.json`], wrong)).toBe(1);
    expect(wrong.err).toContain("not a usps response we understand");
  });

  it("rejects bad arguments with UsageError", async () => {
    await expect(parseCommand.run([], io())).rejects.toBeInstanceOf(UsageError);
    await expect(parseCommand.run(["--carrier", "royalmail", "x.json"], io())).rejects.toThrow(/unknown carrier/);
    await expect(parseCommand.run(["--carrier", "ups"], io())).rejects.toThrow(/file/);
    await expect(parseCommand.run(["--carrier", "ups", "a", "b"], io())).rejects.toThrow(/unexpected argument/);
  });

  describe("--as-of", () => {
    const file = `${FIXTURES}/ups/__fixtures__/in-transit.json`;
    const at = (iso: string) => Object.assign(io(), { now: () => new Date(iso) });

    it("reads a year-old response as expired when derived as of now", async () => {
      const out = at("2027-12-01T00:00:00Z");
      expect(await parseCommand.run(["--carrier", "ups", file], out)).toBe(0);
      expect(out.out).toContain("derived as of:  2027-12-01T00:00:00.000Z (now)");
      expect(out.out).toMatch(/derived state: {2}expired /);
      expect(out.out).toContain("tracking stopped");
    });

    it("last-event derives the state at the newest scan, whatever the clock says", async () => {
      const out = at("2027-12-01T00:00:00Z");
      expect(await parseCommand.run(["--carrier", "ups", file, "--as-of", "last-event"], out)).toBe(0);
      expect(out.out).toContain("derived as of:  2026-11-17T16:38:25.000Z (last event)");
      expect(out.out).toMatch(/derived state: {2}in_transit\n/);
    });

    it("an ISO instant derives the state at that instant (late two days after the last scan, not expired)", async () => {
      const out = at("2027-12-01T00:00:00Z");
      expect(await parseCommand.run(["--carrier", "ups", file, "--as-of=2026-11-19T12:00:00Z"], out)).toBe(0);
      expect(out.out).toContain("derived as of:  2026-11-19T12:00:00.000Z\n");
      expect(out.out).toMatch(/derived state: {2}in_transit \[late\]\n/);
    });

    it("--json carries the instant it derived at", async () => {
      const out = at("2027-12-01T00:00:00Z");
      expect(await parseCommand.run(["--carrier", "ups", file, "--as-of", "last-event", "--json"], out)).toBe(0);
      const parsed = JSON.parse(out.out) as { items: { derived: { asOf: string; status: string } }[] };
      expect(parsed.items[0]?.derived).toMatchObject({ asOf: "2026-11-17T16:38:25.000Z", status: "in_transit" });
    });

    it("rejects times without an offset and other words", async () => {
      await expect(parseCommand.run(["--carrier", "ups", file, "--as-of", "2026-11-19T12:00:00"], io())).rejects.toThrow(/--as-of needs an ISO-8601 time/);
      await expect(parseCommand.run(["--carrier", "ups", file, "--as-of", "yesterday"], io())).rejects.toThrow(/--as-of needs/);
      await expect(parseCommand.run(["--carrier", "ups", file, "--as-of"], io())).rejects.toThrow(/--as-of needs a value/);
    });
  });

  it("says when the carrier calls the number invalid", async () => {
    const out = io(JSON.stringify({ response: { errors: [{ code: "TV1002", message: "Invalid inquiry number" }] } }));
    expect(await parseCommand.run(["--carrier", "ups", "-", "--number", "1Z999AA10123456784"], out)).toBe(0);
    expect(out.out).toBe("UPS 1Z999AA10123456784: invalid\n  ups:TV1002: Invalid inquiry number (the carrier says this number is invalid)\n");
  });
});
