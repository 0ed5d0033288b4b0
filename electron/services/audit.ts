/** Browsing the audit log, with times filtered by the practice's calendar days. */
import { TZDate } from '@date-fns/tz';
import type { z } from 'zod';
import type { AuditAction, AuditChainReport, AuditPage } from '../../shared/api/types';
import type { auditQueryInput } from '../../shared/schemas/audit';
import { listAudit, verifyAuditChains } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { patientAndMerged, survivorOf } from '../db/patient-merge';
import { patientNames } from '../db/patients';
import { userNames } from '../db/staff';
import type { Actor } from './actor';

/** Midnight at the start of a calendar day in the practice's zone, as UTC ISO. */
function startOfDayUtc(date: string, timeZone: string, addDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + addDays, timeZone).getTime()).toISOString();
}

export function auditPage(db: LocalDatabase, actor: Actor, input: z.output<typeof auditQueryInput>): AuditPage {
  const [beforeAt, beforeId] = input.before?.split('|') ?? [];
  const rows = listAudit(db, {
    practiceId: actor.practiceId,
    userId: input.userId,
    // The audit log is a ledger, never re-pointed: a survivor's history includes its merged patients'.
    patientIds: input.patientId ? patientAndMerged(db, survivorOf(db, input.patientId)) : undefined,
    action: input.action,
    entityType: input.entityType,
    fromUtc: input.fromDate ? startOfDayUtc(input.fromDate, actor.practice.timeZone) : undefined,
    toUtc: input.toDate ? startOfDayUtc(input.toDate, actor.practice.timeZone, 1) : undefined,
    before: beforeAt && beforeId ? { at: beforeAt, id: beforeId } : undefined,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const names = userNames(db, [...new Set(page.map((r) => r.user_id).filter((id): id is string => !!id))]);
  const patientNameById = patientNames(db, [...new Set(page.map((r) => r.patient_id).filter((id): id is string => !!id))]);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      deviceId: r.device_id,
      userId: r.user_id,
      userName: r.user_id ? (names.get(r.user_id) ?? null) : null,
      action: r.action as AuditAction,
      entityType: r.entity_type,
      entityId: r.entity_id,
      patientId: r.patient_id,
      patientName: r.patient_id ? (patientNameById.get(r.patient_id) ?? null) : null,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    })),
    nextCursor: rows.length > input.limit && last ? `${last.at}|${last.id}` : null,
  };
}

export function verifyAudit(db: LocalDatabase, actor: Actor): AuditChainReport {
  return { devices: verifyAuditChains(db, actor.practiceId) };
}
