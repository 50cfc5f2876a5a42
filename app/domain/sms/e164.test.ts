import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isE164, toE164 } from "./e164";

describe("E.164 phone numbers", () => {
  it("keeps international numbers, whatever their punctuation", () => {
    expect(toE164("+44 7700 900123", "FR")).toBe("+447700900123");
    expect(toE164("+1 (613) 555-0123", null)).toBe("+16135550123");
    expect(toE164("0044 7700 900123", "FR")).toBe("+447700900123");
    expect(toE164("+49 30 1234567", undefined)).toBe("+49301234567");
  });

  it("writes national numbers with the destination country's calling code, without the trunk 0", () => {
    expect(toE164("07700 900123", "GB")).toBe("+447700900123");
    expect(toE164("06 12 34 56 78", "fr")).toBe("+33612345678");
    expect(toE164("0151 2345678", "DE")).toBe("+491512345678");
    expect(toE164("010-1234-5678", "KR")).toBe("+821012345678");
    expect(toE164("090-1234-5678", "JP")).toBe("+819012345678");
    expect(toE164("(11) 91234-5678", "BR")).toBe("+5511912345678");
    // Italy keeps the leading 0 of landlines after +39.
    expect(toE164("06 1234 5678", "IT")).toBe("+390612345678");
  });

  it("reads North American numbers with or without the leading 1", () => {
    expect(toE164("(613) 555-0123", "CA")).toBe("+16135550123");
    expect(toE164("1-613-555-0123", "US")).toBe("+16135550123");
    expect(toE164("613 555 0123 ext. 12", "US")).toBe("+16135550123");
    expect(toE164("113 555 0123", "US")).toBeNull();
    expect(toE164("555 0123", "US")).toBeNull();
  });

  it("refuses what cannot be texted", () => {
    expect(toE164(null, "GB")).toBeNull();
    expect(toE164("", "GB")).toBeNull();
    expect(toE164("call me", "GB")).toBeNull();
    expect(toE164("07700 900123", null)).toBeNull(); // national, destination unknown
    expect(toE164("07700 900123", "ZZ")).toBeNull();
    expect(toE164("+0 123 456 789", "GB")).toBeNull();
    expect(toE164("+1234567890123456", "GB")).toBeNull(); // 16 digits
    expect(toE164("+44 7700+900123", "GB")).toBeNull();
  });

  it("always answers E.164 or nothing, and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("0", "1", "4", "7", "9", " ", "-", "(", ")", "+", "x", "."), maxLength: 24 }), fc.constantFrom("GB", "US", "FR", "IT", "JP", null), (phone, country) => {
        const normalised = toE164(phone, country);
        if (normalised === null) return;
        expect(isE164(normalised)).toBe(true);
        expect(toE164(normalised, country)).toBe(normalised);
        expect(toE164(normalised, "DE")).toBe(normalised);
      }),
    );
  });
});
