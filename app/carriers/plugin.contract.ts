import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { isCanonicalStatus, isSubStatus, type CanonicalStatus } from "~/domain/status";
import type { FoundTracking, ParseResult, ParsedTracking } from "./adapter";
import { lookupStatus } from "./mapping";
import { CREDENTIAL_LABELS, type CarrierPlugin } from "./plugin";

/**
 * The contract every registered carrier plug-in meets, whatever its wire format. The registry's
 * conformance test runs it for every folder in `CARRIERS`; a new carrier gets it for free.
 * `fixturesDir` is the folder holding the files named in `plugin.conformance`.
 */
export function describeCarrierContract(plugin: CarrierPlugin<unknown>, fixturesDir: string): void {
  const fixture = (name: string): unknown => JSON.parse(readFileSync(join(fixturesDir, name), "utf8")) as unknown;
  const parsed = (name: string): ParsedTracking[] => {
    const result = plugin.parse(fixture(name));
    expect(result.ok, result.ok ? name : `${name}: ${result.error.message}`).toBe(true);
    return result.ok ? result.items : [];
  };
  const found = (items: ParsedTracking[]): FoundTracking[] => items.flatMap((item) => (item.kind === "found" ? [item] : []));

  describe(`carrier contract: ${plugin.code}`, () => {
    it("declares usable metadata", () => {
      expect(plugin.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(plugin.displayName.trim()).not.toBe("");
      expect(plugin.path).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      for (const alias of plugin.aliases) expect(alias, "aliases are normalised names").toMatch(/^[a-z0-9]+$/);
      if (plugin.role === "direct") expect(plugin.aliases.length, "a direct carrier is reachable by name").toBeGreaterThan(0);
      expect(plugin.limits.numbersPerRequest).toBeGreaterThanOrEqual(1);
      for (const window of plugin.limits.windows) expect(window.requests > 0 && window.perMs > 0).toBe(true);
      if (plugin.trackingUrl !== undefined) expect(plugin.trackingUrl).toMatch(/^https:\/\/.+\{number\}/);
      // A claim / contact page on https, or an explicit null ("none"); never missing.
      expect(plugin.claimPage === null || /^https:\/\/[^\s{}]+$/.test(plugin.claimPage), `claimPage ${String(plugin.claimPage)}`).toBe(true);
      // Every field of the credential schema is declared for the admin (label, secret or not), and
      // every declared field or environment variable names a field of the schema.
      const shape: Record<string, unknown> = plugin.credentials instanceof z.ZodObject ? plugin.credentials.shape : {};
      expect(Object.keys(plugin.credentialFields).sort()).toEqual(Object.keys(shape).sort());
      for (const [field, declared] of Object.entries(plugin.credentialFields)) expect(CREDENTIAL_LABELS, field).toContain(declared.label);
      for (const [field, env] of Object.entries(plugin.credentialEnv)) {
        expect(Object.keys(shape), `${field} (${env})`).toContain(field);
        expect(env).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }
    });

    it("maps every status-table row to a canonical status, with a documented meaning", () => {
      const tables = Object.entries(plugin.statusTables);
      expect(tables.length).toBeGreaterThan(0);
      for (const [name, table] of tables) {
        expect(Object.keys(table).length, name).toBeGreaterThan(0);
        for (const [code, row] of Object.entries(table)) {
          expect(isCanonicalStatus(row.status), `${name}.${code}`).toBe(true);
          if (row.subStatus !== undefined) expect(isSubStatus(row.subStatus), `${name}.${code}`).toBe(true);
          expect(row.meaning.trim(), `${name}.${code}`).not.toBe("");
          expect(lookupStatus(table, code)).toMatchObject({ status: row.status, mapped: true });
        }
      }
    });

    it("never throws, whatever the body", () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }), (json, numbers) => {
          const result: ParseResult = plugin.parse(json, numbers);
          return result.ok ? Array.isArray(result.items) : typeof result.error.message === "string";
        }),
        { numRuns: 300 },
      );
    });

    it("reads its delivered fixture as delivered, with every code mapped", () => {
      const items = found(parsed(plugin.conformance.delivered));
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.unmappedCodes).toEqual([]);
        for (const event of item.events) expect(isCanonicalStatus(event.status)).toBe(true);
      }
      expect(items.some((item) => item.events.some((event) => event.status === "delivered"))).toBe(true);
    });

    it("reads its exception fixture as an exception or failed attempt, with the reason parsed", () => {
      const problems: CanonicalStatus[] = ["exception", "attempt_failed", "delayed", "returning"];
      const events = found(parsed(plugin.conformance.exception)).flatMap((item) => item.events);
      const problem = events.filter((event) => problems.includes(event.status));
      expect(problem.length, "an exception or failed attempt").toBeGreaterThan(0);
      for (const event of problem) expect(event.subStatus, `${event.carrierCode} ${event.description}`).toBeDefined();
    });

    it("reads its not-found fixture as not found", () => {
      expect(parsed(plugin.conformance.notFound).some((item) => item.kind === "not_found")).toBe(true);
    });

    it("reads its error fixture as a typed error, never as tracking", () => {
      const result = plugin.parse(fixture(plugin.conformance.error), ["X1"]);
      if (result.ok) {
        expect(result.items.length).toBeGreaterThan(0);
        for (const item of result.items) expect(item.kind).toBe("error");
      } else {
        expect(result.error.kind).toBe("unexpected_shape");
      }
    });

    const push = plugin.push;
    if (push) {
      it("parses its push fixtures and never throws on other bodies", () => {
        expect(push.secretEnv.length).toBeGreaterThan(0);
        for (const name of push.secretEnv) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(push.verify("{}", new Headers(), "secret"), "an unauthenticated push is refused").toBe(false);
        for (const name of plugin.conformance.push ?? []) {
          const result = push.parse(fixture(name));
          expect("items" in result, name).toBe(true);
          if ("items" in result) for (const item of result.items) expect(item.kind === "found" ? item.unmappedCodes : [], name).toEqual([]);
        }
        fc.assert(
          fc.property(fc.jsonValue(), (json) => {
            const result = push.parse(json);
            return "items" in result ? Array.isArray(result.items) : typeof result.error === "string";
          }),
          { numRuns: 200 },
        );
      });
    }
  });
}
