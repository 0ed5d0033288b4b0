/**
 * The lists on a chart (emergency contacts, medical aid, allergies, medical
 * and family history), described once so one list component and one modal
 * form serve them all.
 */
import type { z } from 'zod';
import type { PatientChart } from '../../../shared/api/types';
import type { MessageKey } from '../../../shared/i18n';
import { t } from '../../../shared/i18n';
import {
  allergyFields,
  emergencyContactFields,
  familyHistoryFields,
  medicalAidFields,
  medicalHistoryFields,
  type ChartRecordKind,
} from '../../../shared/schemas/patient';
import { formatDate, joinParts, labelOf } from '../../format';
import { historyStatusOptions, severityOptions, type Option } from '../../options';

export type FieldType = 'text' | 'tel' | 'textarea' | 'date' | 'select' | 'checkbox';

export interface FieldSpec {
  name: string;
  label: MessageKey;
  type: FieldType;
  required?: boolean;
  options?: () => Option[];
  /** Shown only when this returns true for the current values. */
  when?: (values: Record<string, string | boolean>) => boolean;
}

export type RecordRow = Record<string, unknown> & { id: string };

export interface RecordKindSpec {
  kind: ChartRecordKind;
  title: MessageKey;
  addLabel: MessageKey;
  itemName: MessageKey;
  schema: z.ZodType;
  fields: FieldSpec[];
  /** Needs clinical.write (and clinical.read to be shown at all). */
  clinical: boolean;
  rows: (chart: PatientChart) => RecordRow[] | null;
  summary: (row: RecordRow) => { primary: string; secondary: string; badge?: { label: string; color: string } };
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');

export const SEVERITY_COLOURS: Record<string, string> = { mild: 'yellow', moderate: 'orange', severe: 'red', life_threatening: 'red' };

export const RECORD_KINDS: Record<ChartRecordKind, RecordKindSpec> = {
  allergy: {
    kind: 'allergy',
    title: 'chart.allergies',
    addLabel: 'chart.addAllergy',
    itemName: 'chart.item.allergy',
    schema: allergyFields,
    clinical: false,
    fields: [
      { name: 'allergen', label: 'field.allergen', type: 'text', required: true },
      { name: 'severity', label: 'field.severity', type: 'select', options: severityOptions },
      { name: 'reaction', label: 'field.reaction', type: 'textarea' },
      { name: 'diagnosedDate', label: 'field.diagnosedDate', type: 'date' },
      { name: 'notes', label: 'field.notes', type: 'textarea' },
    ],
    rows: (c) => c.allergies as unknown as RecordRow[],
    summary: (r) => ({
      primary: s(r.allergen),
      secondary: joinParts([s(r.reaction), r.diagnosedDate ? t('chart.diagnosed', { date: formatDate(s(r.diagnosedDate)) }) : null]),
      badge: { label: labelOf('severity', s(r.severity)), color: SEVERITY_COLOURS[s(r.severity)] ?? 'orange' },
    }),
  },
  emergencyContact: {
    kind: 'emergencyContact',
    title: 'chart.emergencyContacts',
    addLabel: 'chart.addEmergencyContact',
    itemName: 'chart.item.emergencyContact',
    schema: emergencyContactFields,
    clinical: false,
    fields: [
      { name: 'name', label: 'field.contactName', type: 'text', required: true },
      { name: 'relationship', label: 'field.relationship', type: 'text' },
      { name: 'phone', label: 'field.phone', type: 'tel', required: true },
      { name: 'alternatePhone', label: 'field.alternatePhone', type: 'tel' },
    ],
    rows: (c) => c.emergencyContacts as unknown as RecordRow[],
    summary: (r) => ({ primary: joinParts([s(r.name), s(r.relationship)]), secondary: joinParts([s(r.phone), s(r.alternatePhone)]) }),
  },
  medicalAid: {
    kind: 'medicalAid',
    title: 'chart.medicalAid',
    addLabel: 'chart.addMedicalAid',
    itemName: 'chart.item.medicalAid',
    schema: medicalAidFields,
    clinical: false,
    fields: [
      { name: 'scheme', label: 'field.scheme', type: 'text', required: true },
      { name: 'plan', label: 'field.plan', type: 'text' },
      { name: 'memberNumber', label: 'field.memberNumber', type: 'text', required: true },
      { name: 'dependantCode', label: 'field.dependantCode', type: 'text' },
      { name: 'isMainMember', label: 'field.isMainMember', type: 'checkbox' },
      { name: 'mainMemberName', label: 'field.mainMemberName', type: 'text', when: (v) => !v.isMainMember },
      { name: 'mainMemberIdNumber', label: 'field.mainMemberIdNumber', type: 'text', when: (v) => !v.isMainMember },
      { name: 'validFrom', label: 'field.validFrom', type: 'date' },
      { name: 'validTo', label: 'field.validTo', type: 'date' },
    ],
    rows: (c) => c.medicalAid as unknown as RecordRow[],
    summary: (r) => ({
      primary: joinParts([s(r.scheme), s(r.plan)]),
      secondary: joinParts([
        t('chart.memberNumber', { number: s(r.memberNumber) }),
        r.dependantCode ? t('chart.dependantCode', { code: s(r.dependantCode) }) : null,
        r.isMainMember ? t('field.isMainMember') : s(r.mainMemberName),
      ]),
    }),
  },
  medicalHistory: {
    kind: 'medicalHistory',
    title: 'chart.medicalHistory',
    addLabel: 'chart.addCondition',
    itemName: 'chart.item.condition',
    schema: medicalHistoryFields,
    clinical: true,
    fields: [
      { name: 'condition', label: 'field.condition', type: 'text', required: true },
      { name: 'status', label: 'field.historyStatus', type: 'select', options: historyStatusOptions },
      { name: 'onsetDate', label: 'field.onsetDate', type: 'date' },
      { name: 'notes', label: 'field.notes', type: 'textarea' },
    ],
    rows: (c) => c.medicalHistory as unknown as RecordRow[] | null,
    summary: (r) => ({
      primary: s(r.condition),
      secondary: joinParts([r.onsetDate ? t('chart.onset', { date: formatDate(s(r.onsetDate)) }) : null, s(r.notes)]),
      badge: { label: labelOf('historyStatus', s(r.status)), color: r.status === 'resolved' ? 'gray' : 'blue' },
    }),
  },
  familyHistory: {
    kind: 'familyHistory',
    title: 'chart.familyHistory',
    addLabel: 'chart.addFamilyHistory',
    itemName: 'chart.item.familyHistory',
    schema: familyHistoryFields,
    clinical: true,
    fields: [
      { name: 'relation', label: 'field.relation', type: 'text', required: true },
      { name: 'condition', label: 'field.condition', type: 'text', required: true },
      { name: 'notes', label: 'field.notes', type: 'textarea' },
    ],
    rows: (c) => c.familyHistory as unknown as RecordRow[] | null,
    summary: (r) => ({ primary: joinParts([s(r.relation), s(r.condition)], ': '), secondary: s(r.notes) }),
  },
};

/** Form values for a record: stored nulls become '' so inputs stay controlled. */
export function recordValues(spec: RecordKindSpec, row: RecordRow | null): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const f of spec.fields) {
    const v = row?.[f.name];
    if (f.type === 'checkbox') values[f.name] = v === true;
    else if (typeof v === 'string') values[f.name] = v;
    else values[f.name] = f.type === 'select' ? (f.options?.()[0]?.value ?? '') : '';
  }
  if (spec.kind === 'allergy' && !row) values.severity = 'moderate';
  return values;
}
