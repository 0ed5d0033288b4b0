/**
 * The SOAP templates a new practice starts with, by practice kind. Written
 * as protocol rows the first time a consultation is started in the practice,
 * with ids derived from the practice and the template's key, so two devices
 * doing it offline write the same rows.
 */
import type { PracticeKind } from '../domain/species';

export interface ProtocolTemplate {
  key: string;
  name: string;
  species: string | null;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

const MEDICAL: ProtocolTemplate[] = [
  {
    key: 'general',
    name: 'General consultation',
    species: null,
    subjective: 'Presenting complaint:\nHistory of presenting complaint:\nMedication:\nAllergies checked:',
    objective: 'General appearance:\nExamination:',
    assessment: 'Impression:',
    plan: 'Management:\nFollow-up:',
  },
  {
    key: 'urti',
    name: 'Upper respiratory tract infection',
    species: null,
    subjective: 'Sore throat / cough / runny nose since:\nFever:\nContacts ill:',
    objective: 'Throat:\nEars:\nChest:\nLymph nodes:',
    assessment: 'Viral / bacterial URTI:',
    plan: 'Symptomatic care, fluids, return if worse after 5 days.',
  },
  {
    key: 'chronic-review',
    name: 'Chronic condition review',
    species: null,
    subjective: 'Condition:\nAdherence:\nSide effects:',
    objective: 'BP:\nWeight:\nRelevant results:',
    assessment: 'Control:',
    plan: 'Repeat medication:\nTests due:\nNext review:',
  },
];

const VETERINARY: ProtocolTemplate[] = [
  {
    key: 'wellness',
    name: 'Wellness examination',
    species: null,
    subjective: 'Owner reports:\nDiet:\nVaccination status:\nParasite control:',
    objective: 'Eyes/ears/nose:\nOral cavity/teeth:\nHeart/lungs:\nAbdomen:\nSkin/coat:\nLymph nodes:',
    assessment: 'Healthy / findings:',
    plan: 'Vaccinations due:\nParasite control:\nNext visit:',
  },
  {
    key: 'otitis-dog',
    name: 'Ear problem (dog)',
    species: 'Dog',
    subjective: 'Head shaking / scratching ears since:\nPrevious ear problems:',
    objective: 'Left ear:\nRight ear:\nCytology:',
    assessment: 'Otitis externa:',
    plan: 'Ear cleaning, topical treatment, recheck in 10–14 days.',
  },
  {
    key: 'vomiting-cat',
    name: 'Vomiting (cat)',
    species: 'Cat',
    subjective: 'Vomiting since:\nFrequency:\nAppetite/drinking:\nHairballs:',
    objective: 'Hydration:\nAbdominal palpation:',
    assessment: 'Gastritis / foreign body / other:',
    plan: 'Diet, fluids if needed, recheck in 48 h if not better.',
  },
];

export function defaultProtocols(kind: PracticeKind): readonly ProtocolTemplate[] {
  return kind === 'veterinary' ? VETERINARY : MEDICAL;
}
