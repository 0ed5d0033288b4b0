/** One page of a patient's chart timeline, newest first. */
import { z } from 'zod';
import { TIMELINE_TYPES } from '../clinical/timeline-types';
import { choice, uuid } from './common';

export const chartTimelineInput = z.object({
  patientId: uuid,
  /** Only these kinds of entry; all when left out. */
  types: z.array(choice(TIMELINE_TYPES)).min(1).max(TIMELINE_TYPES.length).optional(),
  /** The last entry of the page before: this page starts after it. */
  before: z.object({ at: z.string().min(1).max(40), id: z.string().min(1).max(40) }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
