/**
 * A prescription is active once issued; cancelling is final (a correction is
 * a new prescription). Merged to the furthest state: a prescription
 * cancelled on one device stays cancelled whatever another device's clock says.
 */
import { statusMachine } from './status-machine';

export const PRESCRIPTION_STATUSES = ['active', 'cancelled'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

export const prescriptionStatus = statusMachine<PrescriptionStatus>({ active: ['cancelled'], cancelled: [] }, { active: 0, cancelled: 1 });
