import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";

// The layering rule is only worth having if it fires: lint code that breaks it.
describe("app/domain boundary rule", () => {
  const eslint = new ESLint({ cwd: projectRoot, overrideConfigFile: path.join(projectRoot, ".config/eslint.config.js") });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, "app/domain/boundary-probe.ts") });
    return (result?.messages ?? []).map((message) => message.ruleId);
  };

  it.each([
    ['import { json } from "@remix-run/node";\nexport const x = json;'],
    ['import fs from "node:fs";\nexport const x = fs;'],
    ['import { database } from "../data/client.server";\nexport const x = database;'],
    ['import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;'],
  ])("rejects %s", async (code) => {
    expect(await lint(code)).toContain("@typescript-eslint/no-restricted-imports");
  });

  it("rejects reading the environment and doing I/O", async () => {
    expect(await lint("export const key = process.env.KEY;")).toContain("no-restricted-properties");
    expect(await lint('export const load = () => fetch("https://x");')).toContain("no-restricted-globals");
  });

  it("allows pure imports inside the domain", async () => {
    expect(await lint('import { isCanonicalStatus } from "./status";\nexport const ok = isCanonicalStatus("delivered");')).toEqual([]);
  });
});
