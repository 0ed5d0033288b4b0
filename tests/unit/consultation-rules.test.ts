/** The pure rules of the consultation: species-aware vital ranges, who may sign, and the status merge. */
import { describe, expect, it } from 'vitest';
import { consultationStatus } from '../../shared/domain/consultation-status';
import { maySign } from '../../shared/clinical/signing-rules';
import { checkVitals, vitalLimits } from '../../shared/clinical/vital-ranges';

describe('vital signs', () => {
  it('are judged by species: a cat\u2019s normal heart rate is a person\u2019s emergency', () => {
    expect(checkVitals('Cat', { heart_rate_bpm: 180 })).toEqual({ errors: {}, unusual: {} });
    expect(checkVitals(null, { heart_rate_bpm: 180 }).unusual).toEqual({ heart_rate_bpm: 'Unusual for an adult (usual 50–110 /min)' });
    expect(checkVitals('Horse', { heart_rate_bpm: 36, weight_kg: 520 })).toEqual({ errors: {}, unusual: {} });
    expect(checkVitals('Cat', { weight_kg: 520 }).errors).toEqual({ weight_kg: 'Not possible for a cat: must be 0.1–20 kg' });
    expect(checkVitals('Bird', { heart_rate_bpm: 450 })).toEqual({ errors: {}, unusual: {} });
  });

  it('refuse impossible values (typos) and keep unusual ones flagged', () => {
    expect(checkVitals('Dog', { temperature_c: 385 }).errors).toEqual({ temperature_c: 'Not possible for a dog: must be 30–44 °C' });
    expect(checkVitals('Dog', { temperature_c: 40.1 })).toEqual({ errors: {}, unusual: { temperature_c: 'Unusual for a dog (usual 37.5–39.2 °C)' } });
    expect(checkVitals('Dog', { body_condition_score: 10, pain_score: -1 }).errors).toEqual({
      body_condition_score: 'Not possible for a dog: must be 1–9',
      pain_score: 'Not possible for a dog: must be 0–10',
    });
    expect(checkVitals(null, { heart_rate_bpm: 72.5 }).errors).toEqual({ heart_rate_bpm: 'Must be a whole number' });
    expect(checkVitals(null, { bp_systolic: 120, bp_diastolic: 120 }).errors).toEqual({ bp_diastolic: 'Diastolic must be lower than systolic' });
  });

  it('fall back to the widest ranges for a species without its own, which the table CHECKs also allow', () => {
    expect(vitalLimits('Ferret')).toEqual(vitalLimits('Other'));
    const widest = vitalLimits('Other');
    expect(widest.temperature_c?.possible).toEqual([5, 46]);
    expect(widest.heart_rate_bpm?.possible).toEqual([1, 1000]);
  });
});

describe('signing', () => {
  it('is for the consultation\u2019s own practitioner, or a doctor co-signing; never without clinical rights', () => {
    expect(maySign('nurse', 'u1', 'u1')).toBe(true);
    expect(maySign('nurse', 'u1', 'u2')).toBe(false);
    expect(maySign('doctor', 'u1', 'u2')).toBe(true);
    expect(maySign('admin', 'u1', 'u2')).toBe(false);
    expect(maySign('receptionist', 'u1', 'u1')).toBe(false);
  });

  it('merges to the furthest state: signed wins over a concurrent draft', () => {
    expect(consultationStatus.furthestStatus('draft', 'signed')).toBe('signed');
    expect(consultationStatus.furthestStatus('signed', 'signed')).toBe('signed');
    expect(consultationStatus.canMove('signed', 'draft')).toBe(false);
  });
});
