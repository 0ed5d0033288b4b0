/** The fields that changed, before and after: what the audit log keeps for an update. */
export function changedFields(
  before: object,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const previous = (before as Record<string, unknown>)[key] ?? null;
    if (previous !== (after[key] ?? null)) {
      was[key] = previous;
      now[key] = after[key] ?? null;
    }
  }
  return { before: was, after: now };
}
