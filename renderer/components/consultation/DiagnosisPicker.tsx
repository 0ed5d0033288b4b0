/**
 * ICD-10 search as you type (code or words, icd10.search); arrows move, Enter
 * codes the highlighted code. Category rows guide but cannot be chosen.
 * Free text (vets' own words) is the second line.
 */
import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Icd10Hit } from '../../../shared/api/icd10-types';
import { DIAGNOSIS_STATUSES } from '../../../shared/schemas/consultation';
import { t } from '../../../shared/i18n';
import { call, messageOf } from '../../api';

type Status = (typeof DIAGNOSIS_STATUSES)[number];
export interface DiagnosisChoice {
  codeSystem: 'ICD-10' | 'FREE_TEXT';
  code?: string;
  description?: string;
  isPrimary: boolean;
  status: Status;
}

interface Props {
  busy: boolean;
  /** The first diagnosis is primary unless unticked. */
  firstIsPrimary: boolean;
  onCode: (choice: DiagnosisChoice) => Promise<boolean>;
}

export function DiagnosisPicker({ busy, firstIsPrimary, onCode }: Props) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Icd10Hit[]>([]);
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
      call('icd10.search', { query: q, limit: 12 })
        .then((found) => {
          if (mine !== seq.current) return;
          setHits(found);
          setSearchError(null);
          setActive(Math.max(0, found.findIndex((h) => h.billable)));
        })
        .catch((e: unknown) => mine === seq.current && setSearchError(messageOf(e)));
    }, 120);
    return () => clearTimeout(timer);
  }, [query]);

  const shown = query.trim().length < 2 ? [] : hits;
  const pick = async (hit: Icd10Hit | undefined) => {
    if (!hit || !hit.billable) return;
    if (await onCode({ codeSystem: 'ICD-10', code: hit.code, isPrimary: primary, status })) {
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
          aria-controls="icd10-results"
          aria-activedescendant={shown[active] ? `icd10-${shown[active].code}` : undefined}
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
      {shown.length > 0 ? (
        <Paper withBorder role="listbox" id="icd10-results" data-testid="icd10-results">
          {shown.map((h, i) => (
            <Group
              key={h.code}
              id={`icd10-${h.code}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={!h.billable}
              gap="xs"
              px="xs"
              py={4}
              wrap="nowrap"
              bg={i === active ? 'var(--mantine-color-blue-light)' : undefined}
              style={{ cursor: h.billable ? 'pointer' : 'default' }}
              onMouseEnter={() => setActive(i)}
              onClick={() => void pick(h)}
              data-testid="icd10-hit"
              data-code={h.codeDotted}
              data-billable={h.billable ? 'true' : 'false'}
            >
              <Text fw={700} w={70} fz="sm" c={h.billable ? undefined : 'dimmed'}>
                {h.codeDotted}
              </Text>
              <Text fz="sm" c={h.billable ? undefined : 'dimmed'} style={{ flex: 1 }}>
                {h.title}
              </Text>
              {!h.billable ? (
                <Badge size="xs" variant="outline" color="gray">
                  category
                </Badge>
              ) : null}
            </Group>
          ))}
        </Paper>
      ) : null}
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
