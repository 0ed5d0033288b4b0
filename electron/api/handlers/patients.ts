import { auditPage, verifyAudit } from '../../services/audit';
import { removeChartRecord, saveChartRecord } from '../../services/chart-records';
import {
  checkDuplicates,
  editAccount,
  editPatient,
  findPatients,
  openChart,
  registerPatient,
} from '../../services/patients';
import type { HandlersFor } from '../context';
import { chartTimelineHandlers } from './records';

export const patientHandlers: HandlersFor<'patients'> = {
  'patients.search': (input, { db, actor }) => findPatients(db, actor, input),
  'patients.checkDuplicates': (input, { db, actor }) => checkDuplicates(db, actor, input),
  'patients.register': (input, { db, actor }) => registerPatient(db, actor, input),
  'patients.chart': (input, { db, actor }) => openChart(db, actor, input.patientId),
  'patients.update': (input, { db, actor }) => editPatient(db, actor, input.patientId, input.patient, input.expectedUpdatedAt),
};

export const accountHandlers: HandlersFor<'accounts'> = {
  'accounts.update': (input, { db, actor }) => editAccount(db, actor, input.accountId, input.account, input.expectedUpdatedAt),
};

export const chartHandlers: HandlersFor<'chart'> = {
  'chart.saveRecord': (input, { db, actor }) => saveChartRecord(db, actor, input),
  'chart.removeRecord': (input, { db, actor }) => removeChartRecord(db, actor, input),
  ...chartTimelineHandlers,
};

export const auditHandlers: HandlersFor<'audit'> = {
  'audit.list': (input, { db, actor }) => auditPage(db, actor, input),
  'audit.verify': (_input, { db, actor }) => verifyAudit(db, actor),
};
