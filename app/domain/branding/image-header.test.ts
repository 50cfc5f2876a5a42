import { describe, expect, it } from "vitest";
import { readImageHeader } from "./image-header";
import { tinyJpeg, tinyPng, tinyWebp } from "./image.fixture";

describe("readImageHeader", () => {
  it("reads type and pixel size of PNG, JPEG and WebP from their bytes", () => {
    expect(readImageHeader(tinyPng(120, 40))).toEqual({ type: "image/png", width: 120, height: 40 });
    expect(readImageHeader(tinyJpeg(300, 90))).toEqual({ type: "image/jpeg", width: 300, height: 90 });
    expect(readImageHeader(tinyWebp(64, 32))).toEqual({ type: "image/webp", width: 64, height: 32 });
  });

  it("refuses SVG, GIF, text and truncated files", () => {
    expect(readImageHeader(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(readImageHeader(new TextEncoder().encode("GIF89a\x01\x00\x01\x00"))).toBeNull();
    expect(readImageHeader(tinyPng(10, 10).subarray(0, 20))).toBeNull();
    expect(readImageHeader(new Uint8Array())).toBeNull();
  });
});
