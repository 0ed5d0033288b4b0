import type { Handlers } from '../context';
import { accountHandlers, auditHandlers, chartHandlers, patientHandlers } from './patients';
import { authHandlers, setupHandlers } from './setup-and-auth';
import { appointmentHandlers, paymentHandlers, queueHandlers, receptionHandlers, visitHandlers } from './reception';
import { practiceHandlers, staffHandlers } from './staff';
import { syncHandlers } from './sync';

export const handlers: Handlers = {
  ...setupHandlers,
  ...authHandlers,
  ...practiceHandlers,
  ...staffHandlers,
  ...patientHandlers,
  ...accountHandlers,
  ...chartHandlers,
  ...auditHandlers,
  ...receptionHandlers,
  ...appointmentHandlers,
  ...visitHandlers,
  ...queueHandlers,
  ...paymentHandlers,
  ...syncHandlers,
};
