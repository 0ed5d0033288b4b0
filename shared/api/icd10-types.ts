import type { Icd10MatchedBy } from '../clinical/icd10-ranking';

/** One ICD-10-CM search result. Only `billable` codes can be chosen for a diagnosis; category rows guide. */
export interface Icd10Hit {
  /** As CMS writes it, without the dot: "J45909". */
  code: string;
  /** As clinicians read it: "J45.909". */
  codeDotted: string;
  title: string;
  billable: boolean;
  /** How it was found: the code typed, the synonym list, the title's words, or the words after a typo was forgiven. */
  matchedBy: Icd10MatchedBy;
}
