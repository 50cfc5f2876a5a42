import PDFDocument from "pdfkit";
import type { EvidencePack } from "~/domain/evidence-pack";

/**
 * The evidence pack as a PDF (pdfkit, built-in Helvetica: no font files to ship). Shopify accepts
 * PDF for dispute files; the same sections as the text version, one block per parcel.
 */
export function renderEvidencePdf(pack: EvidencePack, options: { creationDate?: Date } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 50,
      info: { Title: pack.title, Creator: "Trackline", Producer: "Trackline", CreationDate: options.creationDate ?? new Date() },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font("Helvetica-Bold").fontSize(16).text(pack.title);
    doc.moveDown(0.5);
    doc.font("Helvetica").fontSize(11).text(pack.summary);
    for (const section of pack.sections) {
      doc.moveDown();
      doc.font("Helvetica-Bold").fontSize(12).text(section.heading);
      doc.moveDown(0.3);
      doc.font("Helvetica").fontSize(9);
      for (const line of section.lines) {
        const indent = line.startsWith("  ") ? 14 : 0;
        doc.text(line.trimStart(), { indent });
      }
    }
    doc.end();
  });
}
