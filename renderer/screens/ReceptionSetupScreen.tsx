/** Reception setup: the services the desk books, rooms, practitioners' services and hours, and this desk. */
import { useEffect, useState } from 'react';
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { t } from '../../shared/i18n';
import { useReception } from '../stores/reception';
import { useSignedIn } from '../stores/session';
import { ErrorNote } from '../components/ErrorNote';
import { DeskSection } from '../components/reception-setup/DeskSection';
import { PractitionersSection } from '../components/reception-setup/PractitionersSection';
import { RoomsSection } from '../components/reception-setup/RoomsSection';
import { ServiceTypesSection } from '../components/reception-setup/ServiceTypesSection';

export function ReceptionSetupScreen() {
  const { practice } = useSignedIn();
  const { setup, loading, error, load } = useReception();
  // The editors start from what they are given, so wait for a fresh load: staff
  // added or hours changed since the store last loaded must show.
  const [fresh, setFresh] = useState(false);

  useEffect(() => {
    let live = true;
    void load(true).then(() => {
      if (live) setFresh(true);
    });
    return () => {
      live = false;
    };
  }, [load]);

  return (
    <Stack gap="lg" maw={1100} data-testid="reception-setup" aria-busy={loading}>
      <div>
        <Title order={3}>{t('rxSetup.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('rxSetup.intro')}
        </Text>
      </div>
      <ErrorNote message={error} />
      {!setup || !fresh ? (
        <Center py="xl">
          {loading || !fresh ? (
            <Loader aria-label={t('common.loading')} />
          ) : (
            <Button variant="default" onClick={() => void load(true)} data-testid="reception-setup-retry">
              {t('common.retry')}
            </Button>
          )}
        </Center>
      ) : (
        <>
          <ServiceTypesSection services={setup.serviceTypes} currency={practice.currency} locale={practice.locale} />
          <RoomsSection rooms={setup.rooms} />
          <PractitionersSection practitioners={setup.practitioners} services={setup.serviceTypes} kind={practice.kind} />
          <DeskSection queueSeries={setup.queueSeries} waitingAlertMinutes={setup.waitingAlertMinutes} />
        </>
      )}
    </Stack>
  );
}
