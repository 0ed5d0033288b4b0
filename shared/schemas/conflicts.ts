import { z } from 'zod';
import { t } from '../i18n';

/** Keep one version as it is, or (clinical text only) write one text over all of them. */
export const resolveConflictInput = z.discriminatedUnion('choice', [
  z.object({ conflictId: z.uuid(), choice: z.literal('keep'), version: z.string().min(1).max(200) }),
  z.object({
    conflictId: z.uuid(),
    choice: z.literal('combine'),
    text: z
      .string()
      .trim()
      .max(20_000, { error: t('err.tooLong', { max: 20_000 }) }),
  }),
]);

export type ResolveConflictInput = z.input<typeof resolveConflictInput>;
