import { useEffect } from 'react';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { t } from '../shared/i18n';
import { useSession } from './stores/session';
import { SetupScreen } from './screens/SetupScreen';
import { SignInScreen } from './screens/SignInScreen';
import { Shell } from './screens/Shell';
import { Notices } from './components/Notices';
import { BookingHost } from './components/reception/BookingHost';

export function App() {
  return (
    <>
      <Front />
      <Notices />
    </>
  );
}

/** Which front door, or the signed-in app. */
function Front() {
  const phase = useSession((s) => s.phase);
  const startError = useSession((s) => s.startError);
  const start = useSession((s) => s.start);

  useEffect(() => {
    void start();
  }, [start]);

  switch (phase) {
    case 'starting':
      return (
        <Center h="100%">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    case 'unreachable':
      return (
        <Center h="100%">
          <Stack align="center" gap="sm">
            <Text fw={600}>{t('app.cannotStart')}</Text>
            <Text c="dimmed">{startError}</Text>
            <Button onClick={() => void start()}>{t('common.retry')}</Button>
          </Stack>
        </Center>
      );
    case 'setup':
      return <SetupScreen />;
    case 'signIn':
      return <SignInScreen />;
    case 'ready':
      return (
        <>
          <Shell />
          <BookingHost />
        </>
      );
  }
}
