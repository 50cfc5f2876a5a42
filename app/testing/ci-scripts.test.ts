import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";

const scripts = [".ci/run", ".ci/production-start"].map((file) => ({ file, text: fs.readFileSync(path.join(projectRoot, file), "utf8") }));
const code = (text: string) => text.split("\n").filter((line) => !line.trim().startsWith("#")).join("\n");

describe("CI scripts", () => {
  it.each(scripts)("$file stops only what it started: by process group id, never by name", ({ text }) => {
    expect(code(text)).not.toMatch(/\b(pkill|killall)\b/);
    for (const kill of code(text).match(/\bkill\b[^;\n|&]*/g) ?? []) {
      // kill -TERM -- "-$pid": a process group this script started (job control gives each its own).
      expect(kill).toMatch(/kill (-0 |-TERM -- )"?-?\$\{?\w+(\[\w+\])?\}?"?/);
    }
  });

  it("the process-group pattern stops a job's children and leaves other processes alone", () => {
    // The pattern of .ci/run: a job started under `set -m` leads its own group; killing the group
    // reaches the grandchild, while a process started outside it keeps running.
    const script = `
      set -m
      sh -c 'sleep 30 & wait' &
      job=$!
      set +m
      sleep 30 &
      bystander=$!
      sleep 0.3
      kill -TERM -- "-$job"
      wait "$job" 2>/dev/null
      sleep 0.2
      # Zombies are dead (only not reaped yet by whatever adopted them).
      ps -eo pgid=,stat= | awk -v g="$job" '$1 == g && $2 !~ /^Z/' | grep -q . && echo "group alive" || echo "group gone"
      kill -0 "$bystander" && echo "bystander alive"
      kill "$bystander"
    `;
    const result = spawnSync("bash", ["-c", script], { encoding: "utf8", timeout: 10_000 });
    expect(result.stdout.trim().split("\n")).toEqual(["group gone", "bystander alive"]);
  });

  it("CI runs the production install check and the chaos suite", () => {
    const run = scripts.find((script) => script.file === ".ci/run")?.text ?? "";
    expect(run).toContain(".ci/production-start");
    expect(run).toContain("npm run test:chaos");
  });
});
