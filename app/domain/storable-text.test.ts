import { describe, expect, it } from "vitest";
import { decodeStoredText, encodeStoredText, isStorableText, storableMessage, unstorableTextPath } from "./storable-text";

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

  it("makes our own diagnostics storable: unpaired surrogates become U+FFFD, NUL is spelled out", () => {
    const message = 'Unexpected token "\ud83d", "\u0000x\ud83d\ude00" is not valid JSON';
    const stored = storableMessage(message);
    expect(isStorableText(stored)).toBe(true);
    expect(stored).toBe('Unexpected token "\ufffd", "\\0x\ud83d\ude00" is not valid JSON');
    expect(storableMessage("plain")).toBe("plain");
  });

  it("finds unstorable text however deep the JSON nests", () => {
    let deep: unknown = "fine";
    for (let level = 0; level < 20_000; level += 1) deep = { a: deep };
    expect(unstorableTextPath(deep)).toBeNull();
    let poisoned: unknown = "bad\u0000";
    for (let level = 0; level < 20_000; level += 1) poisoned = [poisoned];
    expect(unstorableTextPath({ ok: "yes", list: poisoned })).toBe(`list${"[0]".repeat(20_000)}`);
  });
});
