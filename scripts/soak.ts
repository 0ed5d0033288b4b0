/**
 * `npm run soak -- --runs N`: the convergence property test (3 desks, random
 * operations, random duplicated and reordered deliveries, skewed clocks) for
 * N cases instead of CI's 200. Prints the cases and operations run.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a whole number ≥ 1');
  process.exit(2);
}
const result = spawnSync('npx', ['vitest', 'run', 'tests/sync/convergence.test.ts', '--silent=false'], {
  stdio: 'inherit',
  env: { ...process.env, CONVERGENCE_RUNS: String(runs) },
});
process.exit(result.status ?? 1);
