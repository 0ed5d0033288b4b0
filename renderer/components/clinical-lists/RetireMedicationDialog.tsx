/** Asks before retiring (or restoring) a medication: what it means for prescribing, and that it can be undone. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CatalogueMedication } from '../../../shared/api/catalogue-types';
import { t } from '../../../shared/i18n';
import { messageOf } from '../../api';
import { useMedicationCatalogue } from '../../stores/medication-catalogue';
import { ErrorNote } from '../ErrorNote';

interface Props {
  medication: CatalogueMedication;
  onDone: (saved: CatalogueMedication) => void;
  onClose: () => void;
}

export function RetireMedicationDialog({ medication, onDone, onClose }: Props) {
  const retiring = medication.active;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = medication.name;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await useMedicationCatalogue.getState().setActive(medication.id, !retiring));
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={retiring ? t('catalogue.retireOf', { name }) : t('catalogue.restoreOf', { name })}>
      <Stack gap="sm" data-testid="medication-retire-dialog">
        <Text size="sm">{retiring ? t('catalogue.retireConfirm', { name }) : t('catalogue.restoreConfirm', { name })}</Text>
        <ErrorNote message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={retiring ? 'red' : 'teal'} loading={busy} onClick={() => void confirm()} data-autofocus data-testid="medication-retire-confirm">
            {retiring ? t('catalogue.retire') : t('catalogue.restore')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
