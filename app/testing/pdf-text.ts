/** Test helper: the text of every page of a PDF, read back with pdfjs-dist (lines joined by "\n"). */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string; title: string | null }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  const lines: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let line = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = "";
      }
    }
    if (line) lines.push(line);
  }
  const metadata = await document.getMetadata();
  const title = (metadata.info as { Title?: string } | undefined)?.Title ?? null;
  const pages = document.numPages;
  await task.destroy();
  return { pages, text: lines.join("\n"), title };
}
