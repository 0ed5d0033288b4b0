/** A receipt as a one-page PDF (pdf-lib: pure JavaScript, no native parts). */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface ReceiptContent {
  practiceName: string;
  receiptNumber: string;
  receivedAt: string; // already in practice time, for people
  patientName: string;
  accountName: string;
  lines: { label: string; amount: string }[];
  total: string;
  method: string;
  reference: string | null;
  balanceAfter: string;
  receivedBy: string;
  isRefund: boolean;
}

export async function renderReceipt(content: ReceiptContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${content.isRefund ? 'Refund' : 'Receipt'} ${content.receiptNumber}`);
  pdf.setProducer('Practice Desk');
  const page = pdf.addPage([420, 595]); // A5 portrait, in points
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 550;
  const write = (text: string, options: { size?: number; font?: typeof regular; x?: number; right?: boolean } = {}) => {
    const size = options.size ?? 10;
    const font = options.font ?? regular;
    const x = options.right ? 380 - font.widthOfTextAtSize(text, size) : (options.x ?? 40);
    page.drawText(text, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  };
  write(content.practiceName, { size: 16, font: bold });
  y -= 24;
  write(`${content.isRefund ? 'Refund' : 'Receipt'} ${content.receiptNumber}`, { size: 12, font: bold });
  y -= 16;
  write(content.receivedAt);
  y -= 28;
  write(`Patient: ${content.patientName}`);
  y -= 14;
  write(`Account: ${content.accountName}`);
  y -= 24;
  for (const line of content.lines) {
    write(line.label);
    write(line.amount, { right: true });
    y -= 14;
  }
  page.drawLine({ start: { x: 40, y: y + 6 }, end: { x: 380, y: y + 6 }, thickness: 0.5 });
  y -= 8;
  write(content.isRefund ? 'Refunded' : 'Paid', { font: bold });
  write(content.total, { font: bold, right: true });
  y -= 14;
  write(`Method: ${content.method}${content.reference ? ` (${content.reference})` : ''}`);
  y -= 14;
  write(`Balance for this visit: ${content.balanceAfter}`);
  y -= 28;
  write(`Received by ${content.receivedBy}`, { size: 9 });
  return pdf.save();
}
