/**
 * Rows are snake_case with 0/1 booleans; the API is camelCase with booleans.
 * These convert between the two for the tables whose columns map one to one.
 */
const snakeToCamel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Columns never sent to the renderer as-is. */
const HIDDEN = new Set(['practice_id', 'deleted_at', 'phone_digits', 'phone_primary_digits', 'phone_secondary_digits']);

export function fromRow<T>(row: object, booleans: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (HIDDEN.has(key)) continue;
    out[snakeToCamel(key)] = booleans.includes(key) ? value === 1 : value;
  }
  return out as T;
}

export function toRow(fields: object): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[camelToSnake(key)] = typeof value === 'boolean' ? (value ? 1 : 0) : (value as string | number | null);
  }
  return out;
}
