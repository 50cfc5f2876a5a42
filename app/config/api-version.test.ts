import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./database-target.server";
import { SHOPIFY_API_VERSION, UI_EXTENSIONS_API_VERSION } from "./api-version";

function tomlStrings(text: string, key: string): string[] {
  return [...text.matchAll(new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "gm"))].map((match) => match[1] ?? "");
}

/** "2026.7.4" → "2026-07": the API version a @shopify/ui-extensions release line targets. */
function apiVersionOfPackage(version: string): string {
  const [year, month] = version.split(".");
  return `${year}-${String(month).padStart(2, "0")}`;
}

describe("API versions stay in one place", () => {
  it("the Admin API version is 2026-10 and shopify.app.toml's webhooks agree", () => {
    expect(SHOPIFY_API_VERSION).toBe("2026-10");
    const toml = fs.readFileSync(path.join(projectRoot, "shopify.app.toml"), "utf8");
    const webhookSection = toml.slice(toml.indexOf("[webhooks]"));
    expect(tomlStrings(webhookSection, "api_version")[0]).toBe(SHOPIFY_API_VERSION);
  });

  it("the UI extension API version matches the installed @shopify/ui-extensions line", () => {
    const installed = JSON.parse(
      fs.readFileSync(path.join(projectRoot, "node_modules/@shopify/ui-extensions/package.json"), "utf8"),
    ) as { version: string };
    expect(apiVersionOfPackage(installed.version)).toBe(UI_EXTENSIONS_API_VERSION);
  });

  it("every UI extension declares that API version", () => {
    const extensionsDir = path.join(projectRoot, "extensions");
    const tomls = fs.existsSync(extensionsDir)
      ? fs
          .readdirSync(extensionsDir)
          .map((name) => path.join(extensionsDir, name, "shopify.extension.toml"))
          .filter((file) => fs.existsSync(file))
      : [];
    for (const file of tomls) {
      const text = fs.readFileSync(file, "utf8");
      // Theme app extensions, Flow triggers and their lifecycle callback have no api_version; UI extensions must match the installed line.
      if (/type\s*=\s*"(theme|flow_trigger|flow_trigger_lifecycle_callback)"/.test(text)) continue;
      expect(tomlStrings(text, "api_version"), file).toEqual([UI_EXTENSIONS_API_VERSION]);
    }
  });
});
