/**
 * The signed-in frame: header with the user menu, left navigation, the current
 * screen, and the status bar. Ctrl/Cmd+K finds a patient; Ctrl/Cmd+N registers one.
 */
import { AppShell, Avatar, Group, Kbd, Menu, NavLink, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { t } from '../../shared/i18n';
import { roleLabel } from '../format';
import { useCan, useSession, useSignedIn } from '../stores/session';
import { useNav, type Route } from '../stores/nav';
import { StatusBar } from '../components/StatusBar';
import { PatientSearchScreen } from './PatientSearchScreen';
import { RegisterScreen } from './RegisterScreen';
import { ChartScreen } from './ChartScreen';
import { StaffScreen } from './StaffScreen';
import { AuditScreen } from './AuditScreen';
import { DiaryScreen } from './DiaryScreen';
import { QueueScreen } from './QueueScreen';
import { ReceptionSetupScreen } from './ReceptionSetupScreen';
import { SyncScreen } from './SyncScreen';
import { ConflictsScreen } from './ConflictsScreen';
import { DuplicatesScreen } from './DuplicatesScreen';
import { ConsultationScreen } from './ConsultationScreen';
import { VaccinationsDueScreen } from './VaccinationsDueScreen';
import { ClinicalListsScreen } from './ClinicalListsScreen';
import { useSyncPolling } from '../stores/sync';
import { NoAccess } from '../components/NoAccess';
import { modKeyLabel } from '../hooks';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

function CurrentScreen({ route }: { route: Route }) {
  const canStaff = useCan('staff.manage');
  const canAudit = useCan('audit.read');
  const canWrite = useCan('patients.write');
  const canSetup = useCan('reception.setup');
  const canSync = useCan('sync.manage');
  const canConflicts = useCan('conflicts.read');
  const canMerge = useCan('patients.merge');
  const canClinical = useCan('clinical.read');
  switch (route.name) {
    case 'search':
      return <PatientSearchScreen />;
    case 'register':
      return canWrite ? <RegisterScreen /> : <NoAccess />;
    case 'chart':
      return <ChartScreen key={route.patientId} patientId={route.patientId} />;
    case 'staff':
      return canStaff ? <StaffScreen /> : <NoAccess />;
    case 'audit':
      return canAudit ? <AuditScreen initialPatientId={route.patientId} /> : <NoAccess />;
    case 'diary':
      return <DiaryScreen />;
    case 'queue':
      return <QueueScreen />;
    case 'receptionSetup':
      return canSetup ? <ReceptionSetupScreen /> : <NoAccess />;
    case 'sync':
      return canSync ? <SyncScreen /> : <NoAccess />;
    case 'conflicts':
      return canConflicts ? <ConflictsScreen /> : <NoAccess />;
    case 'duplicates':
      return canMerge ? <DuplicatesScreen /> : <NoAccess />;
    case 'consultation':
      return canClinical ? <ConsultationScreen key={route.visitId} visitId={route.visitId} /> : <NoAccess />;
    case 'vaccinationsDue':
      return canClinical ? <VaccinationsDueScreen /> : <NoAccess />;
    case 'clinicalLists':
      return canClinical ? <ClinicalListsScreen /> : <NoAccess />;
  }
}

export function Shell() {
  const session = useSignedIn();
  const signOut = useSession((s) => s.signOut);
  const route = useNav((s) => s.route);
  const go = useNav((s) => s.go);
  const focusSearch = useNav((s) => s.focusSearch);
  const canStaff = useCan('staff.manage');
  const canAudit = useCan('audit.read');
  const canWrite = useCan('patients.write');
  const canSetup = useCan('reception.setup');
  const canSync = useCan('sync.manage');
  const canConflicts = useCan('conflicts.read');
  const canMerge = useCan('patients.merge');
  const canVaccinationsDue = useCan('clinical.read');
  const canClinicalLists = useCan('clinical.read');
  useSyncPolling();

  useHotkeys(
    [
      ['mod+K', () => focusSearch()],
      ['mod+N', () => (canWrite ? go({ name: 'register' }) : undefined)],
      ['mod+D', () => go({ name: 'diary' })],
      ['mod+J', () => go({ name: 'queue' })],
    ],
    [],
  );

  const patientsActive = route.name === 'search' || route.name === 'chart';

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 220, breakpoint: 0 }} footer={{ height: 30 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="sm">
            <Title order={4}>{t('app.name')}</Title>
            <Text c="dimmed" size="sm">
              {session.practice.name}
            </Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label={t('shell.userMenu')} data-testid="user-menu">
                <Group gap="xs">
                  <Avatar size="sm" color="teal" radius="xl">
                    {initials(session.user.displayName)}
                  </Avatar>
                  <Text size="sm">{session.user.displayName}</Text>
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{session.user.email}</Menu.Label>
              <Menu.Item onClick={() => void signOut()} data-testid="sign-out">
                {t('shell.signOut')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <Stack gap={2} aria-label={t('shell.navigation')}>
          <NavLink
            label={t('nav.patients')}
            active={patientsActive}
            onClick={() => focusSearch()}
            rightSection={<Kbd size="xs">{modKeyLabel} K</Kbd>}
            data-testid="nav-patients"
          />
          {canWrite ? (
            <NavLink
              label={t('nav.register')}
              active={route.name === 'register'}
              onClick={() => go({ name: 'register' })}
              rightSection={<Kbd size="xs">{modKeyLabel} N</Kbd>}
              data-testid="nav-register"
            />
          ) : null}
          <NavLink
            label={t('nav.diary')}
            active={route.name === 'diary'}
            onClick={() => go({ name: 'diary' })}
            rightSection={<Kbd size="xs">{modKeyLabel} D</Kbd>}
            data-testid="nav-diary"
          />
          <NavLink
            label={t('nav.queue')}
            active={route.name === 'queue'}
            onClick={() => go({ name: 'queue' })}
            rightSection={<Kbd size="xs">{modKeyLabel} J</Kbd>}
            data-testid="nav-queue"
          />
          {canSetup ? (
            <NavLink
              label={t('nav.receptionSetup')}
              active={route.name === 'receptionSetup'}
              onClick={() => go({ name: 'receptionSetup' })}
              data-testid="nav-reception-setup"
            />
          ) : null}
          {canStaff ? (
            <NavLink label={t('nav.staff')} active={route.name === 'staff'} onClick={() => go({ name: 'staff' })} data-testid="nav-staff" />
          ) : null}
          {canAudit ? (
            <NavLink label={t('nav.audit')} active={route.name === 'audit'} onClick={() => go({ name: 'audit' })} data-testid="nav-audit" />
          ) : null}
          {canSync ? (
            <NavLink label={t('nav.sync')} active={route.name === 'sync'} onClick={() => go({ name: 'sync' })} data-testid="nav-sync" />
          ) : null}
          {canConflicts ? (
            <NavLink label={t('nav.conflicts')} active={route.name === 'conflicts'} onClick={() => go({ name: 'conflicts' })} data-testid="nav-conflicts" />
          ) : null}
          {canMerge ? (
            <NavLink label={t('nav.duplicates')} active={route.name === 'duplicates'} onClick={() => go({ name: 'duplicates' })} data-testid="nav-duplicates" />
          ) : null}
          {canVaccinationsDue ? (
            <NavLink
              label={t('vx.due.nav')}
              active={route.name === 'vaccinationsDue'}
              onClick={() => go({ name: 'vaccinationsDue' })}
              data-testid="nav-vaccinations-due"
            />
          ) : null}
          {canClinicalLists ? (
            <NavLink
              label={t('nav.clinicalLists')}
              active={route.name === 'clinicalLists'}
              onClick={() => go({ name: 'clinicalLists' })}
              data-testid="nav-clinical-lists"
            />
          ) : null}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        <CurrentScreen route={route} />
      </AppShell.Main>

      <AppShell.Footer>
        <StatusBar
          userName={session.user.displayName}
          roleLabel={roleLabel(session.role, session.practice.kind)}
          practiceName={session.practice.name}
          onSignOut={() => void signOut()}
        />
      </AppShell.Footer>
    </AppShell>
  );
}
