/** Attaching a file to a patient or visit, listing, opening and removing documents. */
import { z } from 'zod';
import { optionalText, requiredText, uuid } from './common';

/** Default limit on one document; the service can be given another. */
export const DEFAULT_DOCUMENT_LIMIT_BYTES = 25 * 1024 * 1024;

/** What the store accepts, by MIME type, and the kind each is filed as. */
export const DOCUMENT_TYPES: Readonly<Record<string, 'pdf' | 'image' | 'other'>> = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'image/tiff': 'image',
  'text/plain': 'other',
};

export const attachDocumentInput = z.object({
  patientId: uuid,
  visitId: uuid.nullish().transform((v) => v ?? null),
  fileName: requiredText(255).refine((v) => !/[\\/\0]/.test(v), { error: 'A file name cannot contain / or \\' }),
  mimeType: z.string().trim().toLowerCase().refine((v) => v in DOCUMENT_TYPES, {
    error: `Only PDF, images (PNG, JPEG, GIF, WebP, TIFF) and plain text can be attached`,
  }),
  category: optionalText(100),
  description: optionalText(2000),
  /** The file's bytes, base64. */
  contentBase64: z.string().min(1, { error: 'The file is empty' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'Not base64' }),
});

export const documentsForPatientInput = z.object({ patientId: uuid });
export const documentIdInput = z.object({ id: uuid });
export const removeDocumentInput = z.object({ id: uuid, reason: requiredText(500) });
