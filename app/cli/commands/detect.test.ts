import { describe, expect, it } from "vitest";
import { UsageError, type CliIO } from "~/cli/command";
import { detectCommand } from "./detect";

function fakeIO(stdin = ""): CliIO & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readStdin: async () => stdin,
    out: () => out,
    err: () => err,
  };
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("detect command", () => {
  it("prints one JSON object per number", async () => {
    const io = fakeIO();
    const code = await detectCommand.run(["--json", "1z5r8939 0357567127"], io);
    expect(code).toBe(0);
    expect(jsonLines(io.out())).toEqual([
      {
        input: "1z5r8939 0357567127",
        normalized: "1Z5R89390357567127",
        valid: true,
        candidates: [
          {
            carrier: "ups",
            format: "ups_1z",
            service: "UPS Ground",
            trackingUrl: "https://www.ups.com/track?tracknum=1Z5R89390357567127",
          },
        ],
      },
    ]);
  });

  it("prints valid: false, no candidates and a reason for an invalid number, and exits 1", async () => {
    const io = fakeIO();
    const code = await detectCommand.run(["--json", "1Z5R89390357567128", "RR123456785CN"], io);
    expect(code).toBe(1);
    const [invalid, postal] = jsonLines(io.out());
    expect(invalid).toEqual({
      input: "1Z5R89390357567128",
      normalized: "1Z5R89390357567128",
      valid: false,
      candidates: [],
      reason: "check digit failed (ups_1z: check digit is 8, expected 7)",
    });
    expect(postal).toMatchObject({ valid: true, candidates: [{ carrier: "china_post", format: "s10", country: "CN" }] });
  });

  it("reads numbers from stdin with -", async () => {
    const io = fakeIO("1Z5R89390357567127\n\n  3318810025\r\nnot a number\n");
    const code = await detectCommand.run(["--json", "-"], io);
    expect(code).toBe(1);
    expect(jsonLines(io.out()).map((line) => [line.normalized, line.valid])).toEqual([
      ["1Z5R89390357567127", true],
      ["3318810025", true],
      ["NOTANUMBER", false],
    ]);
  });

  it("ranks the hinted carrier first", async () => {
    const io = fakeIO();
    await detectCommand.run(["--json", "--hint", "Purolator", "287809468872"], io);
    const [line] = jsonLines(io.out());
    expect((line?.candidates as { carrier: string }[]).map((candidate) => candidate.carrier)).toEqual(["purolator", "fedex"]);
  });

  it("prints a readable line per number without --json", async () => {
    const io = fakeIO();
    await detectCommand.run(["4201002334249200190132607600833457", "12345"], io);
    expect(io.out()).toBe(
      [
        "4201002334249200190132607600833457: valid",
        "  1. usps (usps_impb_routed_zip4; check digit ok) tracks as 9200190132607600833457  https://tools.usps.com/go/TrackConfirmAction?tLabels=9200190132607600833457",
        "12345: invalid — no tracking number format is 5 characters long",
        "",
      ].join("\n"),
    );
  });

  it("rejects bad arguments with a usage error", async () => {
    await expect(detectCommand.run([], fakeIO())).rejects.toThrow(UsageError);
    await expect(detectCommand.run(["--hint"], fakeIO())).rejects.toThrow("--hint needs a carrier name");
    await expect(detectCommand.run(["--verbose", "1Z"], fakeIO())).rejects.toThrow("Unknown option --verbose");
    await expect(detectCommand.run(["-", "1Z"], fakeIO())).rejects.toThrow(UsageError);
  });
});
