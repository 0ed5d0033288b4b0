/** What the practice diagnosis list operations return. */
import type { PracticeCodeMatchedBy } from '../clinical/practice-code-match';

export interface DiagnosisCodeView {
  id: string;
  code: string;
  description: string;
  /** Empty: any patient. */
  species: string[];
  synonyms: string[];
  isActive: boolean;
}

export interface DiagnosisCodeHit {
  code: string;
  description: string;
  species: string[];
  matchedBy: PracticeCodeMatchedBy;
}

export interface DiagnosisCodeImport {
  added: number;
  updated: number;
  unchanged: number;
}
