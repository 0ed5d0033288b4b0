/**
 * Diagnosis search as you type: the practice's own list first
 * (diagnosisCodes.search, only codes for this patient's species), then
 * ICD-10-CM (icd10.search) in human practices; arrows move across both,
 * Enter codes the highlighted one. ICD-10 category rows guide but cannot be
 * chosen. Free text (a vet's own words) is the second line.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Group, Select, Stack, TextInput } from '@mantine/core';
import type { DIAGNOSIS_CODE_SYSTEMS} from '../../../shared/schemas/consultation';
import { DIAGNOSIS_STATUSES } from '../../../shared/schemas/consultation';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';
import { DiagnosisResults, isPickable, type DiagnosisOption } from './DiagnosisResults';

type Status = (typeof DIAGNOSIS_STATUSES)[number];
export interface DiagnosisChoice {
  codeSystem: (typeof DIAGNOSIS_CODE_SYSTEMS)[number];
  code?: string;
  description?: string;
  isPrimary: boolean;
  status: Status;
}

interface Props {
  busy: boolean;
  consultationId: string;
  /** ICD-10-CM is searched in human practices; veterinary ones code from their own list or free text. */
  withIcd10: boolean;
  /** The first diagnosis is primary unless unticked. */
  firstIsPrimary: boolean;
  onCode: (choice: DiagnosisChoice) => Promise<boolean>;
}

async function findOptions(query: string, consultationId: string, withIcd10: boolean): Promise<DiagnosisOption[]> {
  const [own, icd] = await Promise.all([
    call('diagnosisCodes.search', { query, consultationId, limit: 8 }),
    withIcd10 ? call('icd10.search', { query, limit: 12 }) : Promise.resolve([]),
  ]);
  return [
    ...own.map((h): DiagnosisOption => ({ system: 'PRACTICE', code: h.code, label: h.code, title: h.description, billable: true })),
    ...icd.map((h): DiagnosisOption => ({ system: 'ICD-10', code: h.code, label: h.codeDotted, title: h.title, billable: h.billable })),
  ];
}

export function DiagnosisPicker({ busy, consultationId, withIcd10, firstIsPrimary, onCode }: Props) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<DiagnosisOption[]>([]);
  const [active, setActive] = useState(0);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [primary, setPrimary] = useState(firstIsPrimary);
  const [status, setStatus] = useState<Status>('active');
  const [freeText, setFreeText] = useState('');
  const seq = useRef(0);

  const [shownFirst, setShownFirst] = useState(firstIsPrimary);
  if (shownFirst !== firstIsPrimary) {
    setShownFirst(firstIsPrimary);
    setPrimary(firstIsPrimary);
  }
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      findOptions(q, consultationId, withIcd10)
        .then((found) => {
          if (mine !== seq.current) return;
          setHits(found);
          setSearchError(null);
          setActive(Math.max(0, found.findIndex(isPickable)));
        })
        .catch((e: unknown) => mine === seq.current && setSearchError(messageOf(e)));
    }, 120);
    return () => clearTimeout(timer);
  }, [query, consultationId, withIcd10]);

  const shown = query.trim().length < 2 ? [] : hits;
  const pick = async (hit: DiagnosisOption | undefined) => {
    if (!hit || !isPickable(hit)) return;
    if (await onCode({ codeSystem: hit.system, code: hit.code, isPrimary: primary, status })) {
      setQuery('');
      setHits([]);
    }
  };
  const move = (step: number) => {
    if (shown.length === 0) return;
    setActive((i) => (i + step + shown.length) % shown.length);
  };

  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          size="sm"
          label={t('consultation.diagnosisSearch')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(-1);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              void pick(shown[active]);
            } else if (e.key === 'Escape') setHits([]);
          }}
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls="diagnosis-results"
          aria-activedescendant={shown[active] ? `dx-${shown[active].system}-${shown[active].code}` : undefined}
          error={searchError}
          data-testid="diagnosis-search"
        />
        <Checkbox label={t('consultation.primary')} checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} data-testid="diagnosis-primary" />
        <Select
          size="sm"
          w={120}
          aria-label="Status"
          data={DIAGNOSIS_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))}
          value={status}
          onChange={(v) => v && setStatus(v as Status)}
          allowDeselect={false}
          data-testid="diagnosis-status"
        />
      </Group>
      {shown.length > 0 ? <DiagnosisResults options={shown} active={active} onHover={setActive} onPick={(o) => void pick(o)} /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (freeText.trim() === '') return;
          void onCode({ codeSystem: 'FREE_TEXT', description: freeText, isPrimary: primary, status }).then((ok) => ok && setFreeText(''));
        }}
      >
        <Group gap="sm" align="flex-end">
          <TextInput style={{ flex: 1 }} size="sm" label={t('consultation.freeText')} value={freeText} onChange={(e) => setFreeText(e.currentTarget.value)} data-testid="diagnosis-free-text" />
          <Button type="submit" size="sm" variant="default" loading={busy} disabled={freeText.trim() === ''} data-testid="diagnosis-add-free-text">
            {t('consultation.addFreeText')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
