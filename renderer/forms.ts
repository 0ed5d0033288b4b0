/**
 * Glue between the shared zod schemas, the API's per-field errors (dotted
 * paths such as `account.newAccount.phonePrimary`) and Mantine forms.
 */
import type { z } from 'zod';
import type { GetInputPropsReturnType } from '@mantine/form';

/** Dotted path → first message, from a schema's issues (the same messages the core sends). */
export function schemaErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

/** Rename error paths (server field → form field) and drop the prefix-less leftovers as-is. */
export function renameErrors(errors: Record<string, string>, renames: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[renames[path] ?? path] = message;
  return out;
}

/** Empty strings to null, for optional text the schema would null anyway. */
export function blankToNull(value: string | null | undefined): string | null {
  return value && value.trim() !== '' ? value : null;
}

/** Only YYYY-MM-DD is a date: used as DateInput's parser so half-typed dates stay unparsed. */
export function parseIsoDate(value: string): string | null {
  const trimmed = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : null;
}

/** Errors whose path is not one of the shown fields (so they can be listed, not lost). */
export function unplacedErrors(errors: Record<string, string>, shown: (path: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown(path))
    .map(([path, message]) => (path ? `${path}: ${message}` : message));
}

interface Bindable {
  getInputProps(path: string, options?: { type?: 'input' | 'checkbox' }): GetInputPropsReturnType;
}

/** Mantine input props for a form path, plus `data-testid="field-<path>"` for tests. */
export function bind(form: Bindable, path: string, type?: 'checkbox'): GetInputPropsReturnType & { 'data-testid': string } {
  return { ...form.getInputProps(path, type ? { type } : undefined), 'data-testid': `field-${path}` };
}
