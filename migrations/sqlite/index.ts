/**
 * The device schema's migrations, registered statically (no folder globbing:
 * it breaks in packaged apps). Numbered, forward-only; never edit one that
 * has shipped — add the next.
 */
import type { Migration } from 'kysely';
import { foundation } from './0001_foundation';
import { patientSearch } from './0002_patient_search';
import { reception } from './0003_reception';
import { syncEngine } from './0004_sync_engine';
import { queueBoardIndexes } from './0005_queue_board_indexes';
import { causalCapture } from './0006_causal_capture';
import { queueCards } from './0007_queue_cards';
import { textVersionsAndConflicts } from './0008_text_versions_and_conflicts';
import { patientMerge } from './0009_patient_merge';
import { icd10Codes } from './0010_icd10_codes';
import { consultations } from './0011_consultations';
import { prescriptionsVaccinations } from './0012_prescriptions_vaccinations';
import { resultsDocumentsPlans } from './0013_results_documents_plans';
import { clinicalRecordsFollowMerges } from './0014_clinical_records_follow_merges';
import { signedNoteVersions } from './0015_signed_note_versions';
import { vaccinationEnteredInError } from './0016_vaccination_entered_in_error';
import { practiceDiagnosisCodes } from './0017_practice_diagnosis_codes';

export const sqliteMigrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_patient_search': patientSearch,
  '0003_reception': reception,
  '0004_sync_engine': syncEngine,
  '0005_queue_board_indexes': queueBoardIndexes,
  '0006_causal_capture': causalCapture,
  '0007_queue_cards': queueCards,
  '0008_text_versions_and_conflicts': textVersionsAndConflicts,
  '0009_patient_merge': patientMerge,
  '0010_icd10_codes': icd10Codes,
  '0011_consultations': consultations,
  '0012_prescriptions_vaccinations': prescriptionsVaccinations,
  '0013_results_documents_plans': resultsDocumentsPlans,
  '0014_clinical_records_follow_merges': clinicalRecordsFollowMerges,
  '0015_signed_note_versions': signedNoteVersions,
  '0016_vaccination_entered_in_error': vaccinationEnteredInError,
  '0017_practice_diagnosis_codes': practiceDiagnosisCodes,
};

export const LATEST_SQLITE_MIGRATION = Object.keys(sqliteMigrations).sort().at(-1)!;
