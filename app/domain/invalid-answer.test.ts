import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INVALID_ANSWER_MARKER, INVALID_RECHECK_MS, decideInvalidAnswer, invalidAnswerError } from "./invalid-answer";

const answer = { code: "ups:TV1002", message: "Invalid inquiry number" };

describe("decideInvalidAnswer", () => {
  it("a first answer for a number in the carrier's own format is checked again in an hour", () => {
    expect(decideInvalidAnswer({ answer, previousError: null, formatRecognised: true, carrierName: "UPS" })).toEqual({
      kind: "recheck",
      lastError: `${INVALID_ANSWER_MARKER} ups:TV1002: Invalid inquiry number`,
      retryInMs: INVALID_RECHECK_MS,
    });
    expect(INVALID_RECHECK_MS).toBe(3_600_000);
  });

  it("a second answer in a row confirms it", () => {
    const decision = decideInvalidAnswer({ answer, previousError: invalidAnswerError(answer), formatRecognised: true, carrierName: "UPS" });
    expect(decision).toEqual({
      kind: "confirmed",
      lastError: `${INVALID_ANSWER_MARKER} ups:TV1002: Invalid inquiry number`,
      reason: "UPS says this tracking number is invalid (ups:TV1002: Invalid inquiry number); answered twice in a row. Check the number on the fulfillment.",
    });
  });

  it("one answer confirms it when detection does not recognise the number as that carrier's", () => {
    expect(decideInvalidAnswer({ answer, previousError: null, formatRecognised: false, carrierName: "UPS" })).toMatchObject({
      kind: "confirmed",
      reason: "UPS says this tracking number is invalid (ups:TV1002: Invalid inquiry number); answered once, and the number is not a UPS format. Check the number on the fulfillment.",
    });
  });

  it("any other previous error (timeouts, rate limits) is not a first invalid answer", () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.startsWith(`${INVALID_ANSWER_MARKER} `)),
        (previousError) => decideInvalidAnswer({ answer, previousError, formatRecognised: true, carrierName: "UPS" }).kind === "recheck",
      ),
    );
  });
});
