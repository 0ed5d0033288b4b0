/**
 * `npm run soak -- --runs N`: the two sync property tests for N cases each
 * instead of CI's 200 — desk to desk (3 desks, random duplicated and
 * reordered deliveries, skewed clocks) and through the real hub (pushes,
 * pulls, rewound cursors, relays, a desk killed mid-push). Each prints the
 * cases and operations it ran. `--only desks` or `--only hub` runs one.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, only: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a whole number ≥ 1');
  process.exit(2);
}
if (values.only !== undefined && values.only !== 'desks' && values.only !== 'hub') {
  console.error('--only must be desks or hub');
  process.exit(2);
}
const files = [
  ...(values.only === 'hub' ? [] : ['tests/sync/convergence.test.ts']),
  ...(values.only === 'desks' ? [] : ['tests/sync/hub-convergence.test.ts']),
];
const result = spawnSync('npx', ['vitest', 'run', ...files, '--silent=false'], {
  stdio: 'inherit',
  env: { ...process.env, CONVERGENCE_RUNS: String(runs), HUB_CONVERGENCE_RUNS: String(runs) },
});
process.exit(result.status ?? 1);
