/**
 * A booking or move that would double-book: say who clashes with whom, and
 * offer "Book anyway" with a reason (which the core records with the booking).
 */
import { List, Text } from '@mantine/core';
import type { ClashDetail } from '../../../shared/api/reception-types';
import { t } from '../../../shared/i18n';
import { clashSentence } from '../../reception';
import { ReasonDialog } from '../ReasonDialog';

interface Props {
  detail: ClashDetail;
  timeZone: string;
  /** Resubmit with the reason; throw to keep the dialog open with the error. */
  onOverride: (reason: string) => Promise<void>;
  onClose: () => void;
}

export function ClashDialog({ detail, timeZone, onOverride, onClose }: Props) {
  return (
    <ReasonDialog
      title={t('clash.title')}
      size="lg"
      zIndex={400}
      reasonLabel={t('clash.reason')}
      reasonHint={t('clash.reasonHint')}
      reasonRequired={t('clash.reasonRequired')}
      backLabel={t('clash.pickAnother')}
      submitLabel={t('clash.bookAnyway')}
      submitColor="orange"
      onSubmit={onOverride}
      onClose={onClose}
      testIds={{ form: 'clash-dialog', reason: 'clash-reason', submit: 'clash-override' }}
    >
      <Text size="sm">{t('clash.intro')}</Text>
      <List size="sm" spacing={4}>
        {detail.clashes.map((clash, i) => (
          <List.Item key={`${clash.appointmentId}-${clash.kind}-${i}`} data-testid="clash-item" data-kind={clash.kind}>
            {clashSentence(clash, timeZone)}
          </List.Item>
        ))}
      </List>
    </ReasonDialog>
  );
}
