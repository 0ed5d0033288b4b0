/** Procedures done in the consultation (CPT, NAPPI or the practice's own codes), priced for billing later. */
import { useState } from 'react';
import { Button, Group, NumberInput, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import type { ConsultationView } from '../../../shared/api/consultation-types';
import { formatMoney, parseMoney } from '../../../shared/domain/money';
import { PROCEDURE_CODE_SYSTEMS } from '../../../shared/schemas/consultation';
import { t } from '../../../shared/i18n';
import { ErrorNote } from '../ErrorNote';

type CodeSystem = (typeof PROCEDURE_CODE_SYSTEMS)[number];
const SYSTEM_LABELS: Record<CodeSystem, string> = { CPT: 'CPT', NAPPI: 'NAPPI', PRACTICE: 'Practice code' };

interface Props {
  view: ConsultationView;
  currency: string;
  busy: boolean;
  error: string | undefined;
  fieldErrors: Record<string, string> | undefined;
  onAdd: (input: { codeSystem: CodeSystem; code: string; description: string; quantity: number; unitPriceMinor: number }) => Promise<boolean>;
  /** While a draft: take a procedure off (a tombstone). */
  onRemove: (procedureId: string) => Promise<boolean>;
}

export function ProceduresPanel({ view, currency, busy, error, fieldErrors, onAdd, onRemove }: Props) {
  const [codeSystem, setCodeSystem] = useState<CodeSystem>('PRACTICE');
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState<string | number>(1);
  const [price, setPrice] = useState('');
  const priceMinor = price.trim() === '' ? 0 : parseMoney(price, currency);

  const add = async () => {
    const ok = await onAdd({ codeSystem, code, description, quantity: typeof quantity === 'number' ? quantity : Number(quantity), unitPriceMinor: priceMinor ?? -1 });
    if (ok) {
      setCode('');
      setDescription('');
      setQuantity(1);
      setPrice('');
    }
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={5}>{t('consultation.procedures')}</Title>
        {view.procedures.length > 0 ? (
          <Table withTableBorder fz="sm" data-testid="procedures-table">
            <Table.Tbody>
              {view.procedures.map((p) => (
                <Table.Tr key={p.id} data-testid="procedure-row">
                  <Table.Td>{SYSTEM_LABELS[p.codeSystem]}</Table.Td>
                  <Table.Td fw={700}>{p.code}</Table.Td>
                  <Table.Td>{p.description}</Table.Td>
                  <Table.Td>× {p.quantity}</Table.Td>
                  <Table.Td>{formatMoney(p.unitPriceMinor * p.quantity, currency)}</Table.Td>
                  {view.status === 'draft' ? (
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" disabled={busy} onClick={() => void onRemove(p.id)} data-testid="procedure-remove">
                        {t('consultation.remove')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {view.status === 'draft' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Group gap="xs" align="flex-start">
              <Select size="xs" w={130} aria-label="Code system" data={PROCEDURE_CODE_SYSTEMS.map((s) => ({ value: s, label: SYSTEM_LABELS[s] }))} value={codeSystem} onChange={(v) => v && setCodeSystem(v as CodeSystem)} allowDeselect={false} data-testid="procedure-system" />
              <TextInput size="xs" w={100} placeholder="Code" aria-label="Code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fieldErrors?.code} data-testid="procedure-code" />
              <TextInput size="xs" style={{ flex: 1 }} placeholder="Description" aria-label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldErrors?.description} data-testid="procedure-description" />
              <NumberInput size="xs" w={70} aria-label="Quantity" min={1} allowDecimal={false} value={quantity} onChange={setQuantity} error={fieldErrors?.quantity} data-testid="procedure-quantity" />
              <TextInput size="xs" w={100} placeholder="Price" aria-label="Unit price" value={price} onChange={(e) => setPrice(e.currentTarget.value)} error={priceMinor === null ? 'Not an amount' : fieldErrors?.unitPriceMinor} data-testid="procedure-price" />
              <Button type="submit" size="xs" loading={busy} disabled={code.trim() === '' || description.trim() === '' || priceMinor === null} data-testid="procedure-add">
                {t('consultation.addProcedure')}
              </Button>
            </Group>
            <ErrorNote message={error ?? null} />
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
