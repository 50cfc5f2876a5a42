import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** README "Layout" tells the repository truly: every folder of app/, and where demo mode reaches. */
const app = path.dirname(fileURLToPath(import.meta.url));
const readme = fs.readFileSync(path.join(app, "..", "README.md"), "utf8");

function layoutSection(): string {
  const start = readme.indexOf("\n## Layout\n");
  const end = readme.indexOf("\n## ", start + 1);
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, end);
}

/** The folders the layout block lists under `app/`, one per line, with their description. */
export function listedFolders(section: string): string[] {
  const block = section.match(/```\n(app\/\n[\s\S]*?)```/)?.[1] ?? "";
  return [...block.matchAll(/^ {2}([a-z][\w-]*)\/ +\S/gm)].map((match) => match[1]!);
}

function sourceFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path.join(dir, entry.name), `${relative}/`);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("README layout", () => {
  it("lists every top-level folder of app/ once, and no folder that is not there", () => {
    const folders = fs.readdirSync(app, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const listed = listedFolders(layoutSection());
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...folders].sort());
  });

  it("reads the listed folders from the block", () => {
    const section = "## Layout\n\n```\napp/\n  domain/       pure\n  data/         clients\n    not/        nested\nprisma/         schema\n```\n";
    expect(listedFolders(section)).toEqual(["domain", "data"]);
  });

  it("names exactly the modules outside the demo, the entry points and routes that branch on demo mode", () => {
    const entryPoints = /^(server\/main|workers\/main|cli\/main|cli\/commands\/[^/]+|entry\.server)\.tsx?$/;
    const testOnly = /^(testing|bench)\/|\.(test|contract|fixture)\.tsx?$|(^|\/)__fixtures__\//;
    const branching = sourceFiles(app)
      .filter((file) => !testOnly.test(file) && !entryPoints.test(file) && !/^(demo|routes)\//.test(file) && file !== "config/demo-mode.server.ts")
      .filter((file) => /demo-mode\.server"|\bisDemoMode\b/.test(fs.readFileSync(path.join(app, file), "utf8")))
      .map((file) => `app/${file}`);
    expect(branching.sort()).toEqual([
      "app/services/notifications/contacts.server.ts",
      "app/services/shopper-links/key.server.ts",
      "app/shopify/shopify.server.ts",
      "app/shopify/staff.server.ts",
    ]);
    const section = layoutSection();
    for (const file of branching) expect(section).toContain(`\`${file}\``);
  });
});
