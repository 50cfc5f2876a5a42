import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInboundServer, type RunningServer } from "~/testing/route-build";
import { hasFileExtension } from "./http-app";

let server: RunningServer;
let publicDir: string;

beforeAll(async () => {
  publicDir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-public-"));
  fs.mkdirSync(path.join(publicDir, "build"));
  fs.writeFileSync(path.join(publicDir, "favicon.svg"), "<svg/>");
  fs.writeFileSync(path.join(publicDir, "build", "entry.client-ABC.js"), "export {};");
  // A file without an extension is not served: the path belongs to the app's routes.
  fs.writeFileSync(path.join(publicDir, "healthz"), "from the disk");
  server = await startInboundServer({ publicDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

describe("public files", () => {
  it("serves files with an extension, fingerprinted build files with a year of caching", async () => {
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toBe("<svg/>");
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    const script = await fetch(`${server.url}/build/entry.client-ABC.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("leaves extensionless paths to the app without looking on disk", async () => {
    const answer = await fetch(`${server.url}/healthz`);
    expect(await answer.text()).not.toBe("from the disk");
    expect(hasFileExtension("/apps/track")).toBe(false);
    expect(hasFileExtension("/webhooks/fulfillments/create")).toBe(false);
    expect(hasFileExtension("/a.b/track")).toBe(false);
    expect(hasFileExtension("/favicon.svg")).toBe(true);
    expect(hasFileExtension("/build/_assets/styles-LVLPI7J7.css")).toBe(true);
  });
});
