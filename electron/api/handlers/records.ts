import { attachDocument, documentsForPatient, openDocument, removeDocument } from '../../services/documents';
import { labResultsForPatient, recordLabResult } from '../../services/lab-results';
import { addPlanStep, createTreatmentPlan, moveTreatmentPlan, plansForPatient, settlePlanStep } from '../../services/treatment-plans';
import { readChartTimeline } from '../../services/chart-timeline';
import type { Handlers, HandlersFor } from '../context';

export const labHandlers: HandlersFor<'labs'> = {
  'labs.record': (input, { db, actor }) => recordLabResult(db, actor, input),
  'labs.forPatient': (input, { db, actor }) => labResultsForPatient(db, actor, input.patientId),
};

export const documentHandlers: HandlersFor<'documents'> = {
  'documents.attach': (input, { db, actor }) => attachDocument(db, actor, input),
  'documents.forPatient': (input, { db, actor }) => documentsForPatient(db, actor, input.patientId),
  'documents.open': (input, { db, actor }) => openDocument(db, actor, input.id),
  'documents.remove': (input, { db, actor }) => removeDocument(db, actor, input),
};

export const planHandlers: HandlersFor<'plans'> = {
  'plans.create': (input, { db, actor }) => createTreatmentPlan(db, actor, input),
  'plans.addStep': (input, { db, actor }) => addPlanStep(db, actor, input),
  'plans.move': (input, { db, actor }) => moveTreatmentPlan(db, actor, input),
  'plans.settleStep': (input, { db, actor }) => settlePlanStep(db, actor, input),
  'plans.forPatient': (input, { db, actor }) => plansForPatient(db, actor, input.patientId),
};

/** Spread into chartHandlers (handlers/patients.ts), which must hold every chart.* operation. */
export const chartTimelineHandlers: Pick<Handlers, 'chart.timeline'> = {
  'chart.timeline': (input, { db, actor }) => readChartTimeline(db, actor, input),
};
