/** The services the desk books: a table with Add and Edit, both through ServiceTypeModal. */
import { useState } from 'react';
import { Badge, Button, ColorSwatch, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReceptionSetup, ServiceType } from '../../../shared/api/reception-types';
import { formatMoney } from '../../../shared/domain/money';
import { t } from '../../../shared/i18n';
import { bpToPercent } from '../../reception';
import { notify } from '../../stores/notices';
import { useReception } from '../../stores/reception';
import { ServiceTypeModal } from './ServiceTypeModal';

interface Props {
  services: ServiceType[];
  currency: string;
  locale: string;
}

export function ServiceTypesSection({ services, currency, locale }: Props) {
  // undefined: closed; null: adding; a service: editing it.
  const [editing, setEditing] = useState<ServiceType | null | undefined>(undefined);
  const [before, setBefore] = useState<ReceptionSetup | null>(null);

  const open = (service: ServiceType | null) => {
    setBefore(useReception.getState().setup);
    setEditing(service);
  };

  // The modal closes on cancel and after saving; a save reloads the set-up, so a new one means it was saved.
  const close = () => {
    const after = useReception.getState().setup;
    if (after && after !== before) {
      const saved = editing ? after.serviceTypes.find((s) => s.id === editing.id) : after.serviceTypes.find((s) => !before?.serviceTypes.some((b) => b.id === s.id));
      if (saved) notify(t('rxSetup.serviceSaved', { name: saved.name }));
    }
    setEditing(undefined);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="rx-setup-services" data-testid="services-section">
      <Group justify="space-between">
        <Title order={4} id="rx-setup-services">
          {t('rxSetup.servicesTitle')}
        </Title>
        <Button onClick={() => open(null)} data-testid="add-service">
          {t('rxSetup.addService')}
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {services.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="services-empty">
            {t('rxSetup.servicesEmpty')}
          </Text>
        ) : (
          <Table highlightOnHover verticalSpacing="xs" data-testid="services-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rxSetup.serviceName')}</Table.Th>
                <Table.Th ta="right">{t('rxSetup.colMinutes')}</Table.Th>
                <Table.Th ta="right">{t('rxSetup.colPrice')}</Table.Th>
                <Table.Th ta="right">{t('rxSetup.colShare')}</Table.Th>
                <Table.Th>{t('rxSetup.colColour')}</Table.Th>
                <Table.Th>{t('rxSetup.colOffered')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.map((s) => (
                <Table.Tr key={s.id} data-testid="service-row" data-id={s.id} style={{ opacity: s.active ? 1 : 0.55 }}>
                  <Table.Td fw={500} data-testid="service-row-name">
                    {s.name}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="service-row-minutes">
                    {s.durationMinutes}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="service-row-price">
                    {formatMoney(s.priceMinor, currency, locale)}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="service-row-share">
                    {bpToPercent(s.practitionerShareBp)}%
                  </Table.Td>
                  <Table.Td>
                    <ColorSwatch color={s.colour} size={18} aria-label={s.colour} title={s.colour} />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.active ? 'teal' : 'gray'} data-testid="service-row-offered">
                      {s.active ? t('rxSetup.offered') : t('rxSetup.notOffered')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button variant="subtle" size="xs" onClick={() => open(s)} aria-label={t('rxSetup.editServiceOf', { name: s.name })} data-testid="edit-service">
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing !== undefined ? <ServiceTypeModal key={editing?.id ?? 'new'} service={editing} currency={currency} onClose={close} /> : null}
    </Stack>
  );
}
