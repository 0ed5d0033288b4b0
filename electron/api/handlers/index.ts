import type { Handlers } from '../context';
import { accountHandlers, auditHandlers, chartHandlers, patientHandlers } from './patients';
import { authHandlers, setupHandlers } from './setup-and-auth';
import { practiceHandlers, staffHandlers } from './staff';

export const handlers: Handlers = {
  ...setupHandlers,
  ...authHandlers,
  ...practiceHandlers,
  ...staffHandlers,
  ...patientHandlers,
  ...accountHandlers,
  ...chartHandlers,
  ...auditHandlers,
};
