/**
 * The sync bench's code at a small scale (a few thousand changes): it builds
 * and loads its data, the worker-thread device pulls all of it, the raw copy
 * copies the same rows, the push reaches the hub whole, and every
 * propagation sample is seen on the second desk. No timing is asserted:
 * tests assert behaviour, `npm run bench` reports speed.
 */
import { describe, expect, it } from 'vitest';
import { benchSync } from '../../bench/sync';
import { tempDir } from '../helpers/temp-dir';

describe('the sync bench', () => {
  it('runs end to end on a small practice and accounts for every change', async () => {
    const dir = tempDir('practice-desk-sync-bench-');
    try {
      const result = await benchSync({ dir: dir.path, patients: 60, appointments: 1_000, pushPatients: 40, propagationSamples: 3, log: () => undefined });
      const total = Object.values(result.dataset.rowsByTable).reduce((a, b) => a + b, 0);
      expect(result.dataset.changes).toBe(total);
      expect(result.dataset.rowsByTable.appointment).toBeGreaterThan(900);
      expect(result.dataset.rowsByTable.payment).toBeGreaterThan(0);
      expect(result.pull).toMatchObject({ changes: total, inbox: total, rowsMatchSource: true });
      expect(Object.keys(result.pull.phaseStartMs)).toEqual(['today', 'allergies', 'rest']);
      expect(result.rawCopy.rows).toBe(total);
      expect(result.push.entries).toBeGreaterThan(40);
      expect(result.push.onHub).toBe(result.push.entries);
      expect(result.propagation).toMatchObject({ n: 3, timedOut: 0 });
      for (const figure of [result.pull.rowsPerSecond, result.rawCopy.rowsPerSecond, result.push.rowsPerSecond, result.throughputRatio, result.propagation.p95, result.stall.driftMaxMs]) {
        expect(Number.isFinite(figure)).toBe(true);
      }
    } finally {
      dir.remove();
    }
  }, 180_000);
});
