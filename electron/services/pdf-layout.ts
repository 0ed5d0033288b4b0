/**
 * A small top-down writer over one pdf-lib page, shared by the clinical PDFs
 * (prescription, vaccination certificate): lines, wrapped paragraphs, rules,
 * and a new page when the current one is full. Text the standard fonts
 * cannot encode (WinAnsi) is replaced by '?' instead of failing the PDF.
 */
import { PDFDocument, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const A4: [number, number] = [595, 842];
const MARGIN = 50;

export interface PdfWriter {
  readonly pdf: PDFDocument;
  line(text: string, options?: { size?: number; bold?: boolean; x?: number; right?: boolean; gap?: number }): void;
  paragraph(text: string, options?: { size?: number; x?: number }): void;
  rule(): void;
  space(points: number): void;
  stamp(text: string): void;
  save(): Promise<Uint8Array>;
}

function encodable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

export async function pdfWriter(title: string): Promise<PdfWriter> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('Practice Desk');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;

  const ensure = (height: number) => {
    if (y - height >= MARGIN) return;
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const draw = (text: string, size: number, font: PDFFont, x: number) => page.drawText(text, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });

  const writer: PdfWriter = {
    pdf,
    line(text, options = {}) {
      const size = options.size ?? 10;
      const font = options.bold ? bold : regular;
      const safe = encodable(font, text);
      ensure(size + 4);
      const x = options.right ? A4[0] - MARGIN - font.widthOfTextAtSize(safe, size) : MARGIN + (options.x ?? 0);
      draw(safe, size, font, x);
      y -= options.gap ?? size + 4;
    },
    paragraph(text, options = {}) {
      const size = options.size ?? 10;
      const indent = options.x ?? 0;
      const words = encodable(regular, text).split(/\s+/).filter(Boolean);
      let current = '';
      for (const word of words) {
        const next = current ? `${current} ${word}` : word;
        if (regular.widthOfTextAtSize(next, size) > width - indent && current) {
          writer.line(current, { size, x: indent });
          current = word;
        } else current = next;
      }
      if (current) writer.line(current, { size, x: indent });
    },
    rule() {
      ensure(10);
      page.drawLine({ start: { x: MARGIN, y: y + 6 }, end: { x: A4[0] - MARGIN, y: y + 6 }, thickness: 0.5 });
      y -= 8;
    },
    space(points) {
      y -= points;
    },
    stamp(text) {
      for (const p of pdf.getPages()) {
        p.drawText(encodable(bold, text), { x: 140, y: 380, size: 64, font: bold, color: rgb(0.8, 0.1, 0.1), opacity: 0.35, rotate: degrees(35) });
      }
    },
    save: () => pdf.save(),
  };
  return writer;
}
