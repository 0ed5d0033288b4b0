/**
 * Load a PDF back with pdf-lib and read the text its pages draw (the hex
 * strings pdf-lib writes for standard fonts), so tests can check what a
 * generated PDF says, not only that it parses.
 */
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream, type PDFObject } from 'pdf-lib';

function streamsOf(object: PDFObject | undefined, doc: PDFDocument): PDFRawStream[] {
  if (!object) return [];
  const resolved = doc.context.lookup(object);
  if (resolved instanceof PDFRawStream) return [resolved];
  if (resolved instanceof PDFArray) return resolved.asArray().flatMap((o) => streamsOf(o, doc));
  return [];
}

const fromHex = (hex: string) => (hex.match(/../g) ?? []).map((h) => String.fromCharCode(parseInt(h, 16))).join('');

export async function pdfText(base64: string): Promise<{ pages: number; title: string | undefined; lines: string[] }> {
  const doc = await PDFDocument.load(Buffer.from(base64, 'base64'));
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    for (const stream of streamsOf(page.node.Contents(), doc)) {
      const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const m of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(fromHex(m[1]!));
    }
  }
  return { pages: doc.getPageCount(), title: doc.getTitle(), lines };
}
