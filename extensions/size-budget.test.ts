import { beforeAll, describe, expect, it } from "vitest";
import { buildExtensions, measureExtensions, type SizeReport } from "./size-budget";

describe("extension size budgets", () => {
  let output = "";
  let reports: SizeReport[] = [];
  beforeAll(() => {
    output = buildExtensions();
    reports = measureExtensions();
  }, 180_000);

  it("shopify app build builds every extension (and not the shared package) and prints compressed sizes", () => {
    expect(output).toMatch(/customer-order-tracking[\s\S]*compressed/);
    expect(output).toMatch(/admin-shipment-block[\s\S]*compressed/);
    expect(output).not.toMatch(/\bshared\b.*(built|Bundling)/);
    expect(reports.map((report) => report.name)).toEqual(["admin-shipment-block", "customer-order-tracking", "tracking-page"]);
  });

  it.each(["admin-shipment-block", "customer-order-tracking", "tracking-page"])("%s stays within its budget", (name) => {
    const report = reports.find((candidate) => candidate.name === name);
    expect(report).toBeDefined();
    expect(report!.gzipBytes).toBeLessThanOrEqual(report!.budgetBytes);
  });

  it("ships no JavaScript to the storefront at all", () => {
    expect(reports.find((report) => report.kind === "theme")?.bytes).toBe(0);
  });
});
