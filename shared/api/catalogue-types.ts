/** What the clinical-list operations return. */
import type { MedicationView } from './prescribing-types';

/** A catalogue entry as the editor shows it: retired ones too, flagged. */
export interface CatalogueMedication extends MedicationView {
  active: boolean;
  updatedAt: string;
}
