/** The queue card's way into the visit's consultation: start it (waiting, called) or open it (being seen and after). */
import { Button } from '@mantine/core';
import type { VisitStatus } from '../../../shared/domain/reception-status';
import { t } from '../../../shared/i18n';

const STARTS: readonly VisitStatus[] = ['WAITING', 'CALLED'];
const OPENS: readonly VisitStatus[] = ['IN_PROGRESS', 'PENDING_PAYMENT', 'COMPLETED'];

export function ConsultButton({ status, onClick }: { status: VisitStatus; onClick: () => void }) {
  if (!STARTS.includes(status) && !OPENS.includes(status)) return null;
  const start = STARTS.includes(status);
  return (
    <Button size="xs" px="xs" variant={start ? 'light' : 'outline'} color="teal" onClick={onClick} data-testid={start ? 'queue-start-consultation' : 'queue-open-consultation'}>
      {t(start ? 'consultation.start' : 'consultation.open')}
    </Button>
  );
}
