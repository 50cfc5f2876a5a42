import { describe, expect, it } from "vitest";
import { evidenceInput } from "~/domain/evidence-pack.fixture";
import { buildEvidencePack } from "~/domain/evidence-pack";
import { pdfText } from "~/testing/pdf-text";
import { renderEvidencePdf } from "./evidence-pdf.server";

describe("evidence pack PDF", () => {
  it("is a real PDF whose text carries the pack", async () => {
    const pack = buildEvidencePack(evidenceInput());
    const pdf = await renderEvidencePdf(pack, { creationDate: new Date("2026-12-01T10:00:00Z") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const read = await pdfText(pdf);
    expect(read.title).toBe("Delivery evidence for order #1042");
    expect(read.text).toContain("Delivery evidence for order #1042");
    expect(read.text).toContain("Signed by: MARIA LEE");
    expect(read.text).toContain("Left at: Front Door");
    expect(read.text).toContain("Shipping address vs delivery location: MATCH");
    expect(read.text).toContain("order status page (customer account)");
    expect(read.text).toContain("Picked up — LOUISVILLE, KY, US");
  });
});
