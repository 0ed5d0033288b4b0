import { z } from 'zod';
import { t } from '../i18n';
import { email, requiredText } from './common';

const WITH_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const HTTP_URL = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?([/?#][^\s]*)?$/i;

/** An http(s) address, trimmed, without a trailing slash. */
export const hubUrl = requiredText(500)
  .superRefine((value, ctx) => {
    const scheme = WITH_SCHEME.exec(value)?.[1]?.toLowerCase();
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
      ctx.addIssue({ code: 'custom', message: t('sync.err.urlScheme') });
    } else if (scheme === undefined) {
      ctx.addIssue({ code: 'custom', message: t('sync.err.urlScheme') });
    } else if (!HTTP_URL.test(value)) {
      ctx.addIssue({ code: 'custom', message: t('sync.err.url') });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const connectSyncInput = z.object({
  url: hubUrl,
  anonKey: requiredText(2000),
  email,
  password: z
    .string({ error: t('err.required') })
    .min(1, { error: t('err.required') })
    .max(200, { error: t('err.tooLong', { max: 200 }) }),
});
export type ConnectSyncInput = z.input<typeof connectSyncInput>;
