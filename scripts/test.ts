/**
 * `npm test`: typecheck, lint, build, then every unit, integration and
 * end-to-end test. Ends with a plain "N passed, N failed" line (CI reads
 * that, not vitest's summary) and exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

interface Gate {
  name: string;
  command: string;
  args: string[];
}

const gates: Gate[] = [
  { name: 'typecheck shared/ (no Node, no DOM)', command: 'npx', args: ['tsc', '-p', 'tsconfig.shared.json'] },
  { name: 'typecheck renderer/', command: 'npx', args: ['tsc', '-p', 'tsconfig.web.json'] },
  { name: 'typecheck main process, sync, tests', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'lint (zero warnings)', command: 'npx', args: ['eslint', '.', '--max-warnings', '0'] },
  { name: 'build renderer and Electron bundles', command: 'npm', args: ['run', '--silent', 'build'] },
];

let passed = 0;
let failed = 0;
for (const gate of gates) {
  console.log(`\n▶ ${gate.name}`);
  const result = spawnSync(gate.command, gate.args, { stdio: 'inherit' });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`✖ ${gate.name} failed`);
  }
}

const report = 'tests/.artifacts/vitest.json';
mkdirSync('tests/.artifacts', { recursive: true });
console.log('\n▶ unit, integration and end-to-end tests');
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; success: boolean };
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  if (vitest.status !== 0 && summary.numFailedTests === 0) failed += 1; // a suite that failed to load
} else {
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
