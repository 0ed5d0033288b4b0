/** Removing a chart record asks why, and for confirmation; the reason goes to the audit log. */
import { Text } from '@mantine/core';
import { t } from '../../../shared/i18n';
import { ReasonDialog } from '../ReasonDialog';

interface Props {
  itemLabel: string;
  description: string;
  onRemove: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function RemoveRecordModal({ itemLabel, description, onRemove, onClose }: Props) {
  return (
    <ReasonDialog
      title={t('chart.removeItem', { item: itemLabel })}
      reasonLabel={t('chart.removeReason')}
      reasonRequired={t('chart.reasonRequired')}
      backLabel={t('common.cancel')}
      submitLabel={t('common.remove')}
      submitColor="red"
      onSubmit={async (reason) => {
        await onRemove(reason);
        onClose();
      }}
      onClose={onClose}
      testIds={{ form: 'remove-form', reason: 'remove-reason', submit: 'remove-confirm' }}
    >
      <Text size="sm">{t('chart.removeConfirm', { what: description })}</Text>
    </ReasonDialog>
  );
}
