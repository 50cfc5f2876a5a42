import { expect } from "vitest";
import type { FoundTracking, ParseResult, ParsedTracking } from "~/carriers/adapter";

/** Test helpers shared by the carriers' parser tests. */
export function items(result: ParseResult): ParsedTracking[] {
  expect(result.ok, result.ok ? "" : result.error.message).toBe(true);
  if (!result.ok) throw new Error("unreachable");
  return result.items;
}

export function only(result: ParseResult): ParsedTracking {
  const all = items(result);
  expect(all).toHaveLength(1);
  return all[0]!;
}

export function asFound(item: ParsedTracking | undefined): FoundTracking {
  if (item?.kind !== "found") throw new Error(`expected found, got ${item?.kind}`);
  return item;
}
