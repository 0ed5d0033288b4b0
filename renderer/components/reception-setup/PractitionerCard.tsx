/** One doctor or nurse (vet or technician): bookable, the services they offer, and their weekly hours. */
import { useState } from 'react';
import { Badge, Button, Group, MultiSelect, Paper, Stack, Switch, Text } from '@mantine/core';
import type { Practitioner, ServiceType } from '../../../shared/api/reception-types';
import type { PracticeKind } from '../../../shared/domain/species';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { roleLabel } from '../../format';
import { unplacedErrors } from '../../forms';
import { notify } from '../../stores/notices';
import { useReception } from '../../stores/reception';
import { ErrorNote } from '../ErrorNote';
import { fromWeek, placeServerErrors, sameWeek, toWeek, weekErrors, type Week } from './hours';
import { WorkingHoursEditor } from './WorkingHoursEditor';

interface Props {
  practitioner: Practitioner;
  services: ServiceType[];
  kind: PracticeKind;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

export function PractitionerCard({ practitioner, services, kind }: Props) {
  const save = useReception((s) => s.savePractitioner);
  const [bookable, setBookable] = useState(practitioner.bookable);
  const [serviceTypeIds, setServiceTypeIds] = useState<string[]>(practitioner.serviceTypeIds);
  const [week, setWeek] = useState<Week>(() => toWeek(practitioner.workingHours));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [extra, setExtra] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const name = practitioner.displayName;

  const dirty =
    bookable !== practitioner.bookable || !sameIds(serviceTypeIds, practitioner.serviceTypeIds) || !sameWeek(week, toWeek(practitioner.workingHours));

  const options = services
    .filter((s) => s.active || serviceTypeIds.includes(s.id))
    .map((s) => ({ value: s.id, label: s.active ? s.name : t('rxSetup.inactiveService', { name: s.name }) }));

  const changeWeek = (next: Week) => {
    setWeek(next);
    // Clear messages as the fields are corrected, but only the ones that no longer apply.
    if (Object.keys(errors).length > 0) {
      const still = weekErrors(next);
      const kept = Object.entries(errors).flatMap(([key, message]): [string, string][] => {
        if (key in still) return [[key, still[key] ?? message]];
        return /^\d\.\d+\.(start|end)$/.test(key) ? [] : [[key, message]];
      });
      setErrors(Object.fromEntries(kept));
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = weekErrors(week);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setExtra([]);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    setExtra([]);
    try {
      await save({ userId: practitioner.userId, bookable, serviceTypeIds, workingHours: fromWeek(week) });
      notify(t('rxSetup.practitionerSaved', { name }));
    } catch (e) {
      const { placed, rest } = placeServerErrors(fieldErrorsOf(e), week);
      if (rest.serviceTypeIds) placed.serviceTypeIds = rest.serviceTypeIds;
      setErrors(placed);
      setExtra(unplacedErrors(rest, (path) => path === 'serviceTypeIds'));
      setError(messageOf(e));
    }
    setBusy(false);
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="practitioner-card" data-user-id={practitioner.userId} aria-label={name} component="section">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Group justify="space-between" align="center">
            <Group gap="xs">
              <Text fw={600}>{name}</Text>
              <Badge variant="light" size="sm">
                {roleLabel(practitioner.role, kind)}
              </Badge>
              {dirty ? (
                <Text size="xs" c="orange" data-testid="practitioner-dirty">
                  {t('rxSetup.unsaved')}
                </Text>
              ) : null}
            </Group>
            <Switch
              label={t('rxSetup.bookable')}
              aria-label={t('rxSetup.bookableOf', { name })}
              checked={bookable}
              onChange={(e) => setBookable(e.currentTarget.checked)}
              data-testid="practitioner-bookable"
            />
          </Group>
          <MultiSelect
            label={t('rxSetup.services')}
            description={t('rxSetup.servicesHint')}
            placeholder={serviceTypeIds.length ? undefined : options.length ? t('rxSetup.servicesPlaceholder') : t('rxSetup.noServicesToChoose')}
            data={options}
            value={serviceTypeIds}
            onChange={setServiceTypeIds}
            searchable
            clearable
            nothingFoundMessage={t('common.noMatches')}
            error={errors.serviceTypeIds}
            data-testid="practitioner-services"
          />
          <WorkingHoursEditor week={week} errors={errors} onChange={changeWeek} disabled={busy} />
          <ErrorNote message={error} extra={extra} />
          <Group justify="flex-start">
            <Button type="submit" loading={busy} disabled={!dirty && !error} aria-label={t('rxSetup.savePractitioner', { name })} data-testid="practitioner-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
