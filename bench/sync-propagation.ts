/**
 * Propagation: a change committed on device 1 until it is visible on device
 * 2, both online and running the real SyncLoop with its default timing
 * (push soon after a commit, pull on the interval), through the real hub.
 * Each sample renames a patient on device 1 through the service (its own
 * transaction, outbox captured), then watches device 2's patient row.
 *
 * @example
 *   const samples = await measurePropagation({ one, two, actor, patientIds, samples: 40 });
 */
import type { LocalDatabase } from '../electron/db/database';
import type { Actor } from '../electron/services/actor';
import { editPatient, openChart } from '../electron/services/patients';
import { updatePatientInput } from '../shared/schemas/patient';
import type { SyncLoop } from '../sync/engine/loop';
import { rng } from './stats';

export interface PropagationDevices {
  one: { db: LocalDatabase; loop: SyncLoop; actor: Actor };
  two: { db: LocalDatabase; loop: SyncLoop };
  patientIds: readonly string[];
  samples: number;
  /** Give up on one sample after this long (counted as this long). */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measurePropagation(devices: PropagationDevices): Promise<{ samples: number[]; timedOut: number }> {
  const { one, two } = devices;
  const random = rng(11);
  const timeoutMs = devices.timeoutMs ?? 30_000;
  const read = two.db.sqlite.prepare('SELECT first_name FROM patient WHERE id = ?').pluck();
  const samples: number[] = [];
  let timedOut = 0;
  for (let i = 0; i < devices.samples; i++) {
    const patientId = devices.patientIds[Math.floor(random() * devices.patientIds.length)]!;
    const firstName = `Moved${i}x${Math.floor(random() * 1e6)}`;
    const chart = openChart(one.db, one.actor, patientId);
    const input = updatePatientInput.parse({ patientId, patient: { ...chart.patient, firstName } });
    editPatient(one.db, one.actor, patientId, input.patient);
    const committed = performance.now();
    one.loop.nudge();
    for (;;) {
      if (read.get(patientId) === firstName) break;
      if (performance.now() - committed > timeoutMs) {
        timedOut += 1;
        break;
      }
      await sleep(2);
    }
    samples.push(performance.now() - committed);
    // Edits land at random points of the pull interval, as a desk's do.
    await sleep(100 + random() * 900);
  }
  return { samples, timedOut };
}
