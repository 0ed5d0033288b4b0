/**
 * Clinical lists: the practice's own lists that prescribing and the clinical
 * record choose from, one tab each. A new list is one more entry in
 * CLINICAL_LISTS.
 */
import { useState, type ComponentType } from 'react';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { t, type MessageKey } from '../../shared/i18n';
import { MedicationCatalogue } from '../components/clinical-lists/MedicationCatalogue';
import { DiagnosisCodeList } from '../components/clinical-lists/DiagnosisCodeList';

interface ClinicalList {
  value: string;
  label: MessageKey;
  Panel: ComponentType;
}

const CLINICAL_LISTS: readonly ClinicalList[] = [
  { value: 'medications', label: 'lists.tabMedications', Panel: MedicationCatalogue },
  { value: 'diagnosis-codes', label: 'dxcodes.tab', Panel: DiagnosisCodeList },
];

export function ClinicalListsScreen() {
  const [tab, setTab] = useState<string>(CLINICAL_LISTS[0]!.value);
  return (
    <Stack gap="lg" maw={1200} data-testid="clinical-lists">
      <div>
        <Title order={3}>{t('lists.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('lists.intro')}
        </Text>
      </div>
      <Tabs value={tab} onChange={(value) => setTab(value ?? CLINICAL_LISTS[0]!.value)} keepMounted={false}>
        <Tabs.List>
          {CLINICAL_LISTS.map((list) => (
            <Tabs.Tab key={list.value} value={list.value} data-testid={`clinical-lists-tab-${list.value}`}>
              {t(list.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {CLINICAL_LISTS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
