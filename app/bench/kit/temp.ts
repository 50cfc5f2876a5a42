import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A private temp folder for one benchmark run. Everything a run creates (SQLite files with their
 * -wal/-shm, plans, profiles it was not asked to keep) goes inside, so removing the folder removes
 * all of it. It is removed by `remove()`, and also when the process exits or is interrupted.
 */
export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): void;
}

const live = new Set<string>();
let hooked = false;

function removeAll() {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
}

export function tempDir(prefix: string): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trackline-${prefix}-`));
  live.add(dir);
  if (!hooked) {
    hooked = true;
    process.once("exit", removeAll);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        removeAll();
        process.exit(130);
      });
    }
  }
  return {
    path: dir,
    file: (name) => path.join(dir, name),
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      live.delete(dir);
    },
  };
}
