/**
 * Where the booking dialog lives: it opens from the diary, from the patient
 * search or anywhere with Ctrl/Cmd+B, so it is mounted once beside the shell
 * rather than inside one screen. It waits for the reception set-up (services,
 * practitioners), which no screen may have loaded yet.
 */
import { useEffect } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { t } from '../../../shared/i18n';
import { useDiary } from '../../stores/diary';
import { notify } from '../../stores/notices';
import { useReception } from '../../stores/reception';
import { useCan } from '../../stores/session';
import { BookingDialog } from './BookingDialog';

export function BookingHost() {
  const booking = useDiary((s) => s.booking);
  const openBooking = useDiary((s) => s.openBooking);
  const closeBooking = useDiary((s) => s.closeBooking);
  const setup = useReception((s) => s.setup);
  const canBook = useCan('appointments.write');

  useHotkeys([['mod+B', () => (canBook && !useDiary.getState().booking ? openBooking({}) : undefined)]]);

  useEffect(() => {
    if (!booking) return;
    void useReception.getState().load().then(() => {
      const { setup: loaded, error } = useReception.getState();
      if (!loaded) {
        notify(error ?? t('err.internal'), 'error');
        closeBooking();
      }
    });
  }, [booking, closeBooking]);

  return booking && canBook && setup ? <BookingDialog draft={booking} /> : null;
}
