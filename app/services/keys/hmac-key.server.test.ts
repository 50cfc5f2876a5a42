import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacKey } from "./hmac-key.server";

describe("hmacKey", () => {
  it("signs exactly as the key Buffer does, for any key and message", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.string(), (bytes, message) => {
        const key = Buffer.from(bytes);
        const expected = crypto.createHmac("sha256", key).update(message).digest("hex");
        expect(crypto.createHmac("sha256", hmacKey(key)).update(message).digest("hex")).toBe(expected);
        expect(crypto.createHmac("sha256", hmacKey(key)).update(message).digest("hex")).toBe(expected);
      }),
    );
  });

  it("makes one key object per key Buffer, and none for two Buffers that only hold the same bytes", () => {
    const key = crypto.randomBytes(32);
    expect(hmacKey(key)).toBe(hmacKey(key));
    expect(hmacKey(Buffer.from(key))).not.toBe(hmacKey(key));
    expect(hmacKey(Buffer.alloc(0))).toEqual(Buffer.alloc(0));
  });
});
