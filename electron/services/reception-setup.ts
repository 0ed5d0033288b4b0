/** Setting up the desk: service types, rooms, practitioners' services and hours, this desk's series. */
import type { z } from 'zod';
import type { ReceptionSetup } from '../../shared/api/reception-types';
import type { savePractitionerInput, saveRoomInput, saveServiceTypeInput } from '../../shared/schemas/reception';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import * as setup from '../db/reception-setup';
import { waitingAlertMinutes } from '../db/practices';
import { findStaff } from '../db/staff';
import { insertSynced, tombstoneSynced, updateSynced } from '../db/synced-rows';
import type { Actor } from './actor';
import { notFound, validationError } from './errors';

/** A desk with no series chosen yet gets a letter from its device id, so two new desks rarely share one. */
export function queueSeriesOf(db: LocalDatabase): string {
  const chosen = setup.deskSettings(db).queueSeries;
  if (chosen) return chosen;
  const code = parseInt(db.deviceId.replace(/-/g, '').slice(-6), 16);
  return String.fromCharCode(65 + (code % 26));
}

export function receptionSetup(db: LocalDatabase, actor: Actor): ReceptionSetup {
  return {
    serviceTypes: setup.listServiceTypes(db, actor.practiceId),
    rooms: setup.listRooms(db, actor.practiceId),
    practitioners: setup.listPractitioners(db, actor.practiceId),
    queueSeries: queueSeriesOf(db),
    waitingAlertMinutes: waitingAlertMinutes(db, actor.practiceId),
  };
}

export function saveServiceType(db: LocalDatabase, actor: Actor, input: z.output<typeof saveServiceTypeInput>): { id: string } {
  const f = input.fields;
  const values = {
    name: f.name,
    duration_minutes: f.durationMinutes,
    price_minor: f.priceMinor,
    colour: f.colour,
    practitioner_share_bp: f.practitionerShareBp,
    is_active: f.active ? 1 : 0,
  };
  return db.transaction(actor.userId, () => {
    const base = { practiceId: actor.practiceId, userId: actor.userId, entityType: 'service_type' };
    if (!input.id) {
      const id = insertSynced(db, 'service_type', actor.practiceId, values);
      appendAudit(db, { ...base, action: 'create', entityId: id, after: f });
      return { id };
    }
    const before = setup.findServiceType(db, actor.practiceId, input.id);
    if (!before) throw notFound('Service type');
    updateSynced(db, 'service_type', input.id, values);
    appendAudit(db, { ...base, action: 'update', entityId: input.id, before: setup.toServiceType(before), after: f });
    return { id: input.id };
  });
}

export function saveRoom(db: LocalDatabase, actor: Actor, input: z.output<typeof saveRoomInput>): { id: string } {
  const values = { name: input.fields.name, is_active: input.fields.active ? 1 : 0 };
  return db.transaction(actor.userId, () => {
    const base = { practiceId: actor.practiceId, userId: actor.userId, entityType: 'room' };
    if (!input.id) {
      const id = insertSynced(db, 'room', actor.practiceId, values);
      appendAudit(db, { ...base, action: 'create', entityId: id, after: input.fields });
      return { id };
    }
    const before = setup.findRoom(db, actor.practiceId, input.id);
    if (!before) throw notFound('Room');
    updateSynced(db, 'room', input.id, values);
    appendAudit(db, { ...base, action: 'update', entityId: input.id, before: { name: before.name, active: before.is_active === 1 }, after: input.fields });
    return { id: input.id };
  });
}

export function savePractitioner(db: LocalDatabase, actor: Actor, input: z.output<typeof savePractitionerInput>): { userId: string } {
  return db.transaction(actor.userId, () => {
    const staff = findStaff(db, actor.practiceId, input.userId);
    if (!staff) throw notFound('Staff member');
    if (staff.role !== 'doctor' && staff.role !== 'nurse') {
      throw validationError({ userId: 'Only doctors and nurses (vets and technicians) take appointments' });
    }
    for (const id of input.serviceTypeIds) {
      if (!setup.findServiceType(db, actor.practiceId, id)) throw validationError({ serviceTypeIds: 'Unknown service type' });
    }
    const profile = { working_hours: JSON.stringify(input.workingHours), is_bookable: input.bookable ? 1 : 0 };
    const profileId = setup.findProfileId(db, actor.practiceId, input.userId);
    if (profileId) updateSynced(db, 'practitioner_profile', profileId, profile);
    else insertSynced(db, 'practitioner_profile', actor.practiceId, { ...profile, user_id: input.userId });

    const current = setup.offeredServices(db, actor.practiceId, input.userId);
    for (const row of current) {
      if (!input.serviceTypeIds.includes(row.service_type_id)) tombstoneSynced(db, 'practitioner_service', row.id);
    }
    for (const id of input.serviceTypeIds) {
      if (!current.some((r) => r.service_type_id === id)) {
        insertSynced(db, 'practitioner_service', actor.practiceId, { user_id: input.userId, service_type_id: id });
      }
    }
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'practitioner', entityId: input.userId, after: input });
    return { userId: input.userId };
  });
}

export function saveDesk(db: LocalDatabase, actor: Actor, input: { queueSeries: string; waitingAlertMinutes: number }): ReceptionSetup {
  db.transaction(actor.userId, () => {
    setup.setQueueSeries(db, input.queueSeries);
    updateSynced(db, 'practice', actor.practiceId, { waiting_alert_minutes: input.waitingAlertMinutes });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'desk', entityId: db.deviceId, after: input });
  });
  return receptionSetup(db, actor);
}
