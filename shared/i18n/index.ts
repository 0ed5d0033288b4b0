import { en, type MessageKey } from './en';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

let catalogue: Record<string, string> = en;

/** Use another catalogue (same keys); missing keys fall back to English. */
export function useCatalogue(next: Partial<Record<MessageKey, string>>): void {
  catalogue = { ...en, ...next };
}

/**
 * Look up a user-facing string and fill its `{placeholders}`.
 *
 * @example t('err.tooLong', { max: 100 }) // 'At most 100 characters'
 */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = catalogue[key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
