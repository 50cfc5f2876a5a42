import { describe, expect, it } from "vitest";
import { decodeStoredText, encodeStoredText, isStorableText, unstorableTextPath } from "./storable-text";

describe("storable text", () => {
  it("recognises NUL and unpaired surrogates, accepts paired ones", () => {
    expect(isStorableText("plain ✓ 📦")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("a\ud800b")).toBe(false);
    expect(isStorableText("a\udc00")).toBe(false);
    expect(unstorableTextPath({ a: [1, { b: "ok" }, { c: "x\ud800" }] })).toBe("a[2].c");
    expect(unstorableTextPath({ ["k\u0000"]: 1 })).toBe("k\u0000");
    expect(unstorableTextPath({ a: "fine" })).toBeNull();
  });

  it.each([["plain"], ["nul \u0000 inside"], ["lone \ud800 surrogate"], ["reversed \udc00\ud800"]])("round-trips %j losslessly", (text) => {
    const stored = encodeStoredText(text);
    expect(isStorableText(stored.text)).toBe(true);
    expect(decodeStoredText(stored.text, stored.encoding)).toBe(text);
  });

  it("keeps bytes that are not UTF-8 as base64", () => {
    const bytes = new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x00, 0xff, 0x7d]);
    const stored = encodeStoredText(bytes);
    expect(stored.encoding).toBe("base64");
    expect([...(decodeStoredText(stored.text, stored.encoding) as Uint8Array)]).toEqual([...bytes]);
  });
});
