/**
 * The chart timeline. A read only: opening the chart is
 * already audited by patients.chart (services/patients.ts openChart), so
 * paging through its timeline is not audited again.
 */
import type { TimelinePage } from '../../shared/api/clinical-record-types';
import type { TimelineType } from '../../shared/clinical/timeline-types';
import { chartTimeline } from '../db/chart-timeline';
import type { LocalDatabase } from '../db/database';
import type { Actor } from './actor';
import { chartPatientId, requireRight } from './clinical-access';

export interface TimelineRequest {
  patientId: string;
  types?: readonly TimelineType[] | undefined;
  before?: { at: string; id: string } | undefined;
  limit: number;
}

export function readChartTimeline(db: LocalDatabase, actor: Actor, input: TimelineRequest): TimelinePage {
  requireRight(actor, 'clinical.read');
  const patientId = chartPatientId(db, actor, input.patientId);
  return chartTimeline(db, actor.practiceId, patientId, { types: input.types, before: input.before, limit: input.limit });
}
