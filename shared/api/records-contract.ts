/**
 * The lab result, document, treatment plan and chart timeline operations of
 * the one typed contract (spread into shared/api/contract.ts). Reading needs
 * clinical.read, writing clinical.write.
 */
import { op } from './operation';
import { chartTimelineInput } from '../schemas/chart-timeline';
import { attachDocumentInput, documentIdInput, documentsForPatientInput, removeDocumentInput } from '../schemas/documents';
import { labResultsForPatientInput, recordLabResultInput } from '../schemas/lab-results';
import { addPlanStepInput, createTreatmentPlanInput, movePlanInput, plansForPatientInput, settlePlanStepInput } from '../schemas/treatment-plans';
import type {
  DocumentContent,
  DocumentView,
  LabResultView,
  TimelinePage,
  TreatmentPlanView,
} from './clinical-record-types';


export const recordsContract = {
  // A result is never edited: correctsId records a correction as a new result.
  'labs.record': op(recordLabResultInput, 'clinical.write')<LabResultView>(),
  'labs.forPatient': op(labResultsForPatientInput, 'clinical.read')<LabResultView[]>(),

  // Bytes as base64; refused over the store's size limit (25 MB unless configured) or when content ≠ type.
  'documents.attach': op(attachDocumentInput, 'clinical.write')<DocumentView>(),
  'documents.forPatient': op(documentsForPatientInput, 'clinical.read')<DocumentView[]>(),
  // Audited as a read of the document.
  'documents.open': op(documentIdInput, 'clinical.read')<DocumentContent>(),
  // Marks it removed (never deleted), with the reason.
  'documents.remove': op(removeDocumentInput, 'clinical.write')<{ id: string }>(),

  'plans.create': op(createTreatmentPlanInput, 'clinical.write')<TreatmentPlanView>(),
  'plans.addStep': op(addPlanStepInput, 'clinical.write')<TreatmentPlanView>(),
  'plans.move': op(movePlanInput, 'clinical.write')<TreatmentPlanView>(),
  'plans.settleStep': op(settlePlanStepInput, 'clinical.write')<TreatmentPlanView>(),
  'plans.forPatient': op(plansForPatientInput, 'clinical.read')<TreatmentPlanView[]>(),

  // Everything on the chart, newest first; page with `before` = the last page's `next`.
  'chart.timeline': op(chartTimelineInput, 'clinical.read')<TimelinePage>(),
};
