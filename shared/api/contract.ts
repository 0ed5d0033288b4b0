/**
 * The one API contract: operation name → input schema, who may call it, and
 * what it returns. The Electron IPC binding, the web host and the renderer's
 * client are all typed from this map, so renaming an operation breaks the
 * build rather than production.
 */
import { z } from 'zod';
import { op } from './operation';
import { createPracticeInput, practiceSettings } from '../schemas/practice';
import { addStaffInput, changeRoleInput, setStaffActiveInput, signInInput } from '../schemas/staff';
import {
  chartRecordInput,
  duplicateCheckInput,
  patientSearchInput,
  registerPatientInput,
  removeChartRecordInput,
  updateAccountInput,
  updatePatientInput,
} from '../schemas/patient';
import { auditQueryInput } from '../schemas/audit';
import { compareForMergeInput, dismissDuplicateInput, mergePatientsInput } from '../schemas/duplicates';
import type { DuplicatePair, MergeComparison, MergeResult } from './duplicate-types';
import { connectSyncInput } from '../schemas/sync';
import type { SyncOverview } from './sync-types';
import { resolveConflictInput } from '../schemas/conflicts';
import type { ConflictCount, ConflictView } from './conflict-types';
import { icd10SearchInput } from '../schemas/icd10';
import type { Icd10Hit } from './icd10-types';
import { recordsContract } from './records-contract';
import { consultationContract } from './consultation-contract';
import { prescribingContract } from './prescribing-contract';
import { diagnosisCodesContract } from './diagnosis-codes-contract';
import { catalogueContract } from './catalogue-contract';
import {
  appointmentIdInput,
  bookAppointmentInput,
  cancelAppointmentInput,
  dayInput,
  moveVisitInput,
  nextFreeSlotInput,
  receiptInput,
  refundInput,
  rescheduleInput,
  saveDeskInput,
  saveRoomInput,
  savePractitionerInput,
  saveServiceTypeInput,
  takePaymentInput,
  walkInInput,
  weekInput,
} from '../schemas/reception';
import type {
  AppointmentView,
  BookingResult,
  PaymentView,
  QueueBoard,
  QueueEntry,
  Receipt,
  ReceptionSetup,
} from './reception-types';
import type {
  AuditChainReport,
  AuditPage,
  DuplicateCandidate,
  PatientChart,
  PatientSearchHit,
  PracticeInfo,
  RegisteredPatient,
  SessionInfo,
  SetupStatus,
  StaffMember,
} from './types';

export type { Access, Operation } from './operation';

const none = z.object({}).default({});

export const contract = {
  'setup.status': op(none, 'public')<SetupStatus>(),
  'setup.createPractice': op(createPracticeInput, 'public')<SessionInfo>(),

  'auth.signIn': op(signInInput, 'public')<SessionInfo>(),
  'auth.signOut': op(none, 'session')<{ signedOut: true }>(),
  'auth.session': op(none, 'session')<SessionInfo>(),

  'practice.update': op(practiceSettings, 'practice.manage')<PracticeInfo>(),

  'staff.list': op(none, 'staff.manage')<StaffMember[]>(),
  'staff.add': op(addStaffInput, 'staff.manage')<StaffMember>(),
  'staff.changeRole': op(changeRoleInput, 'staff.manage')<StaffMember>(),
  'staff.setActive': op(setStaffActiveInput, 'staff.manage')<StaffMember>(),

  'patients.search': op(patientSearchInput, 'patients.read')<PatientSearchHit[]>(),
  'patients.checkDuplicates': op(duplicateCheckInput, 'patients.read')<DuplicateCandidate[]>(),
  'patients.register': op(registerPatientInput, 'patients.write')<RegisteredPatient>(),
  'patients.chart': op(z.object({ patientId: z.uuid() }), 'patients.read')<PatientChart>(),
  'patients.update': op(updatePatientInput, 'patients.write')<PatientChart>(),
  'accounts.update': op(updateAccountInput, 'patients.write')<PatientChart['account']>(),
  // Clinical history kinds additionally need clinical.write; the service checks it.
  'chart.saveRecord': op(chartRecordInput, 'patients.write')<{ id: string }>(),
  'chart.removeRecord': op(removeChartRecordInput, 'patients.write')<{ id: string }>(),

  'duplicates.list': op(none, 'patients.merge')<DuplicatePair[]>(),
  'duplicates.dismiss': op(dismissDuplicateInput, 'patients.merge')<{ id: string }>(),
  'duplicates.compare': op(compareForMergeInput, 'patients.merge')<MergeComparison>(),
  'duplicates.merge': op(mergePatientsInput, 'patients.merge')<MergeResult>(),

  'audit.list': op(auditQueryInput, 'audit.read')<AuditPage>(),
  'audit.verify': op(none, 'audit.read')<AuditChainReport>(),

  'reception.setup': op(none, 'patients.read')<ReceptionSetup>(),
  'reception.saveServiceType': op(saveServiceTypeInput, 'reception.setup')<{ id: string }>(),
  'reception.saveRoom': op(saveRoomInput, 'reception.setup')<{ id: string }>(),
  'reception.savePractitioner': op(savePractitionerInput, 'reception.setup')<{ userId: string }>(),
  'reception.saveDesk': op(saveDeskInput, 'reception.setup')<ReceptionSetup>(),

  'appointments.day': op(dayInput, 'patients.read')<AppointmentView[]>(),
  'appointments.week': op(weekInput, 'patients.read')<AppointmentView[]>(),
  'appointments.nextFreeSlot': op(nextFreeSlotInput, 'patients.read')<{ startAt: string; endAt: string; practitionerId: string } | null>(),
  // A clash is refused with a `conflict` error whose detail is a ClashDetail, unless overrideReason is given.
  'appointments.book': op(bookAppointmentInput, 'appointments.write')<BookingResult>(),
  'appointments.reschedule': op(rescheduleInput, 'appointments.write')<AppointmentView>(),
  'appointments.cancel': op(cancelAppointmentInput, 'appointments.write')<{ cancelled: number }>(),
  'appointments.noShow': op(appointmentIdInput, 'appointments.write')<AppointmentView>(),
  'appointments.checkIn': op(appointmentIdInput, 'appointments.write')<QueueEntry>(),
  // The chart's list: newest first, a merged patient's id read as its survivor's.
  'appointments.forPatient': op(z.object({ patientId: z.uuid() }), 'patients.read')<AppointmentView[]>(),

  'visits.walkIn': op(walkInInput, 'appointments.write')<QueueEntry>(),
  'visits.move': op(moveVisitInput, 'queue.move')<QueueEntry>(),
  'queue.day': op(z.object({ day: dayInput.shape.day }), 'patients.read')<QueueBoard>(),

  'payments.take': op(takePaymentInput, 'payments.take')<PaymentView>(),
  'payments.refund': op(refundInput, 'payments.refund')<PaymentView>(),
  'payments.forVisit': op(z.object({ visitId: z.uuid() }), 'patients.read')<PaymentView[]>(),
  'payments.receipt': op(receiptInput, 'payments.take')<Receipt>(),

  'sync.status': op(none, 'session')<SyncOverview>(),
  'sync.connect': op(connectSyncInput, 'sync.manage')<SyncOverview>(),
  'sync.disconnect': op(none, 'sync.manage')<SyncOverview>(),
  'sync.now': op(none, 'session')<SyncOverview>(),

  // Each conflict also needs the right to settle its kind (clinical.write or conflicts.status); the service checks it.
  'conflicts.list': op(none, 'conflicts.read')<ConflictView[]>(),
  'conflicts.count': op(none, 'session')<ConflictCount>(),
  'conflicts.resolve': op(resolveConflictInput, 'conflicts.read')<ConflictView>(),

  // Category rows come back with billable: false, to guide; only billable codes can be chosen.
  'icd10.search': op(icd10SearchInput, 'clinical.read')<Icd10Hit[]>(),

  ...recordsContract,

  ...consultationContract,
  ...prescribingContract,
  ...catalogueContract,
  ...diagnosisCodesContract,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends OperationName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = Contract[K]['output'];
export type AccessOf<K extends OperationName> = Contract[K]['access'];

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
