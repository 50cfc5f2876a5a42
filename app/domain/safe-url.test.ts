import { describe, expect, it } from "vitest";
import { httpUrlOrNull } from "./safe-url";

describe("httpUrlOrNull", () => {
  it.each([
    ["https://www.ups.com/track?tracknum=1Z", "https://www.ups.com/track?tracknum=1Z"],
    [" http://carrier.example/t/1 ", "http://carrier.example/t/1"],
    ["javascript:alert(1)", null],
    ["JAVASCRIPT:alert(1)", null],
    ["java\tscript:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["vbscript:msgbox", null],
    ["//evil.example/x", null],
    ["/relative", null],
    ["", null],
    [null, null],
  ])("%j → %j", (input, expected) => {
    expect(httpUrlOrNull(input)).toBe(expected);
  });
});
