/** Add or edit a service type: name, length, price, colour in the diary, and the practitioner's share. */
import { useState } from 'react';
import { Button, ColorInput, Group, Modal, NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { ServiceType } from '../../../shared/api/reception-types';
import { parseMoney } from '../../../shared/domain/money';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { renameErrors } from '../../forms';
import { bpToPercent, moneyText, percentToBp } from '../../reception';
import { useReception } from '../../stores/reception';
import { ErrorNote } from '../ErrorNote';

const SWATCHES = ['#228be6', '#12b886', '#40c057', '#fab005', '#fd7e14', '#fa5252', '#e64980', '#7950f2', '#15aabf', '#868e96'];

interface Props {
  service: ServiceType | null;
  currency: string;
  onClose: () => void;
}

export function ServiceTypeModal({ service, currency, onClose }: Props) {
  const save = useReception((s) => s.saveServiceType);
  const [name, setName] = useState(service?.name ?? '');
  const [duration, setDuration] = useState<number | string>(service?.durationMinutes ?? 15);
  const [price, setPrice] = useState(service ? moneyText(service.priceMinor, currency) : '');
  const [colour, setColour] = useState(service?.colour ?? SWATCHES[0] ?? '#228be6');
  const [share, setShare] = useState(service ? bpToPercent(service.practitionerShareBp) : '0');
  const [active, setActive] = useState(service?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const priceMinor = parseMoney(price, currency);
    const practitionerShareBp = percentToBp(share);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('err.required');
    if (priceMinor === null) found.price = t('payment.badAmount');
    if (practitionerShareBp === null) found.share = t('rxSetup.badShare');
    if (typeof duration !== 'number') found.durationMinutes = t('err.required');
    if (Object.keys(found).length > 0 || priceMinor === null || practitionerShareBp === null) {
      setErrors(found);
      setError(t('err.validation'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await save({ id: service?.id, fields: { name, durationMinutes: Number(duration), priceMinor, colour, practitionerShareBp, active } });
      onClose();
    } catch (e) {
      const fields = renameErrors(fieldErrorsOf(e), { 'fields.name': 'name', 'fields.durationMinutes': 'durationMinutes', 'fields.priceMinor': 'price', 'fields.colour': 'colour', 'fields.practitionerShareBp': 'share' });
      setErrors(fields);
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={service ? t('rxSetup.editService') : t('rxSetup.addService')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="service-type-form">
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <TextInput label={t('rxSetup.serviceName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus data-testid="service-name" />
            <NumberInput label={t('rxSetup.duration')} min={5} max={480} step={5} value={duration} onChange={setDuration} error={errors.durationMinutes} data-testid="service-duration" />
            <TextInput label={t('rxSetup.price', { currency })} required inputMode="decimal" placeholder="350.00" value={price} onChange={(e) => setPrice(e.currentTarget.value)} error={errors.price} data-testid="service-price" />
            <TextInput label={t('rxSetup.share')} description={t('rxSetup.shareHint')} inputMode="decimal" value={share} onChange={(e) => setShare(e.currentTarget.value)} error={errors.share} rightSection="%" data-testid="service-share" />
            <ColorInput label={t('rxSetup.colour')} format="hex" swatches={SWATCHES} value={colour} onChange={setColour} error={errors.colour} data-testid="service-colour" />
            <Switch label={t('rxSetup.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} mt="xl" data-testid="service-active" />
          </SimpleGrid>
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="service-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
