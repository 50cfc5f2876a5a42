import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVER_V8_FLAGS } from "./gc-tuning.server";

// v8.setFlagsFromString ignores a flag V8 does not know, silently: a Node upgrade that dropped
// one would leave the server untuned without a word. Node refuses unknown flags on its command
// line (exit 9), so each flag is tried there against the Node that runs the server.
function exitCodeWith(flag: string): number | null {
  return spawnSync(process.execPath, [flag, "-e", "0"], { encoding: "utf8" }).status;
}

describe("the web server's V8 flags", () => {
  it.each(SERVER_V8_FLAGS)("%s is a flag this Node's V8 knows", (flag) => {
    expect(exitCodeWith(flag)).toBe(0);
  });

  it("a flag V8 does not know is refused the same way", () => {
    expect(exitCodeWith("--incremental-marking-soft-trigger-that-does-not-exist=90")).toBe(9);
  });
});
