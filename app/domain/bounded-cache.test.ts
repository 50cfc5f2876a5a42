import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache";

describe("BoundedCache", () => {
  it("makes a key's value once and answers it again, undefined included", () => {
    const cache = new BoundedCache<string, string | undefined>(10);
    const made: string[] = [];
    const make = (key: string) => () => (made.push(key), key === "none" ? undefined : key.toUpperCase());
    expect(cache.get("de", make("de"))).toBe("DE");
    expect(cache.get("de", make("de"))).toBe("DE");
    expect(cache.get("none", make("none"))).toBeUndefined();
    expect(cache.get("none", make("none"))).toBeUndefined();
    expect(made).toEqual(["de", "none"]);
  });

  it("forgets everything once it holds its limit, then keeps again", () => {
    const cache = new BoundedCache<number, number>(3);
    for (const key of [1, 2, 3]) cache.get(key, () => key * 10);
    expect(cache.size).toBe(3);
    expect(cache.get(4, () => 40)).toBe(40);
    expect(cache.size).toBe(1);
    let remade = false;
    expect(cache.get(1, () => ((remade = true), 11))).toBe(11);
    expect(remade).toBe(true);
    expect(cache.get(4, () => 0)).toBe(40);
  });

  it("keeps nothing when making the value throws", () => {
    const cache = new BoundedCache<string, number>(3);
    expect(() =>
      cache.get("bad", () => {
        throw new RangeError("refused");
      }),
    ).toThrow(RangeError);
    expect(cache.size).toBe(0);
    expect(cache.get("bad", () => 1)).toBe(1);
  });
});
