/**
 * A consultation is a draft until its practitioner (or a doctor) signs it;
 * signed is final. Merged to the furthest state: a note signed on one device
 * stays signed whatever another device's clock says.
 */
import { statusMachine } from './status-machine';

export const CONSULTATION_STATUSES = ['draft', 'signed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const consultationStatus = statusMachine<ConsultationStatus>({ draft: ['signed'], signed: [] }, { draft: 0, signed: 1 });
