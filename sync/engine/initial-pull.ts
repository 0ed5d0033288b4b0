/**
 * Where a fresh device's first sync stands (ARCHITECTURE §4, "Initial sync
 * of a large practice streams … in priority order"). Before the ordinary
 * stream from cursor 0, the loop fetches two priority tiers from the hub
 * (public.sync_pull_priority, migration 0005): 1 = today's appointments and
 * queue with what they need, 2 = allergies. They are the hub's own changes,
 * applied like any page; the stream that follows brings them again as
 * duplicates, so the cursor's never-skip guarantee is untouched and the
 * device ends exactly as the ordinary pull leaves it.
 *
 * The step is saved with each page (sync_meta key initial_pull), so a device
 * cut off mid-tier resumes after the last page it applied.
 *
 * @example
 *   const step = initialPullStep(db); // { tier: 1, afterSeq: 0 } on a fresh device, null once done
 */
import type { LocalDatabase } from '../../electron/db/database';
import type { PullPhase } from '../../shared/api/sync-types';
import type { PriorityTier } from '../hub/contract';
import { applyRemoteChanges } from './apply';
import { readCounter, readMeta } from './meta';
import { HubFailure, type HubTransport } from './transport';

export interface InitialPullStep {
  tier: PriorityTier;
  afterSeq: number;
}

export const PHASE_OF_TIER: Record<PriorityTier, PullPhase> = { 1: 'today', 2: 'allergies' };

const DONE = 'done';

/** The next priority page to fetch, or null when the tiers are done (or the device already pulls the stream). */
export function initialPullStep(db: LocalDatabase): InitialPullStep | null {
  const saved = readMeta(db, 'initial_pull');
  if (saved === DONE) return null;
  if (saved !== undefined) {
    const [tier, afterSeq] = saved.split(':').map(Number);
    if ((tier === 1 || tier === 2) && Number.isSafeInteger(afterSeq) && afterSeq! >= 0) return { tier, afterSeq: afterSeq! };
  }
  // A device that has pulled before has its data: the stream alone keeps it current.
  if (readCounter(db, 'pull_cursor') > 0) return null;
  return { tier: 1, afterSeq: 0 };
}

/** Record the next step (null: the tiers are done). Call inside the page's transaction. */
export function saveInitialPullStep(db: LocalDatabase, next: InitialPullStep | null): void {
  const value = next === null ? DONE : `${next.tier}:${next.afterSeq}`;
  db.run(
    db.kysely
      .insertInto('sync_meta')
      .values({ key: 'initial_pull', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}

/** After a page of `tier` answered with (hasMore, nextAfter): where to go on from. */
export function stepAfter(tier: PriorityTier, hasMore: boolean, nextAfter: number): InitialPullStep | null {
  if (hasMore) return { tier, afterSeq: nextAfter };
  return tier === 1 ? { tier: 2, afterSeq: 0 } : null;
}

export interface PriorityPullContext {
  db: LocalDatabase;
  transport: HubTransport;
  pageSize: number;
  stopped(): boolean;
  now(): number;
  onHubTime(sentAtMs: number, hubTime: string | undefined): void;
  onProgress(phase: PullPhase, applied: number, received: number, total: number | null): void;
  onRejected(rejected: readonly { reason: string }[]): void;
}

/**
 * The priority tiers from `first` on, page by page, each page applied and its
 * next step saved in one transaction. Resolves with the changes applied, or
 * null if the loop was stopped on the way.
 */
export async function pullPriorityTiers(first: InitialPullStep, ctx: PriorityPullContext): Promise<number | null> {
  const { db } = ctx;
  let step: InitialPullStep | null = first;
  let applied = 0;
  ctx.onProgress(PHASE_OF_TIER[step.tier], 0, 0, null);
  while (step) {
    if (ctx.stopped()) return null;
    const { tier, afterSeq } = step;
    const sentAt = ctx.now();
    let page;
    try {
      page = await ctx.transport.pullPriority(tier, afterSeq, ctx.pageSize);
    } catch (error) {
      // A hub from before migration 0005 has no tiers: the stream alone brings everything.
      if (!(error instanceof HubFailure) || error.status !== 404) throw error;
      db.transaction(null, () => saveInitialPullStep(db, null));
      return applied;
    }
    if (ctx.stopped()) return null;
    ctx.onHubTime(sentAt, page.hub_time);
    const next = stepAfter(tier, page.has_more, page.next_after);
    const changes = page.changes;
    const result = db.transaction(null, () => {
      const applying = applyRemoteChanges(db, changes);
      saveInitialPullStep(db, next);
      return applying;
    });
    applied += result.applied;
    ctx.onRejected(result.rejected);
    ctx.onProgress(PHASE_OF_TIER[tier], applied, page.before + changes.length, page.total);
    if (next && next.tier !== tier) ctx.onProgress(PHASE_OF_TIER[next.tier], applied, 0, null);
    step = next;
  }
  ctx.onProgress('rest', applied, 0, null);
  return applied;
}

/** How many changes the stream holds after `since`; null from a hub without the estimate (before 0005): only the bar's total. */
export async function streamEstimate(transport: HubTransport, since: number): Promise<number | null> {
  try {
    return (await transport.pullEstimate(since)).changes;
  } catch (error) {
    if (error instanceof HubFailure && error.status === 404) return null;
    throw error;
  }
}
