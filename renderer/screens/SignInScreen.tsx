import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { t } from '../../shared/i18n';
import { messageOf } from '../api';
import { useSession } from '../stores/session';
import { ErrorNote } from '../components/ErrorNote';

export function SignInScreen() {
  const signIn = useSession((s) => s.signIn);
  const notice = useSession((s) => s.notice);
  const practiceName = useSession((s) => s.practiceName);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      setError(messageOf(e));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <Center mih="100%" p="xl">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={400} component="form" onSubmit={submit} noValidate data-testid="sign-in-form">
        <Stack gap="md">
          <div>
            <Title order={2}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm">
              {practiceName ? t('signIn.introPractice', { practice: practiceName }) : t('signIn.intro')}
            </Text>
          </div>
          {notice && !error ? (
            <Alert color="yellow" variant="light" data-testid="sign-in-notice">
              {notice}
            </Alert>
          ) : null}
          <TextInput
            label={t('field.email')}
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="sign-in-email"
          />
          <PasswordInput
            label={t('field.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="sign-in-password"
          />
          <ErrorNote message={error} />
          <Button type="submit" loading={busy} fullWidth data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
