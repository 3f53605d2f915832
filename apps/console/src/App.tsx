import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { AccessPage } from './pages/Access';
import { AuditPage } from './pages/Audit';
import { ClientsPage, SitePage } from './pages/Clients';
import { DayBoardPage } from './pages/dayboard/DayBoardPage';
import { OverviewPage } from './pages/Overview';
import { SignInPage } from './pages/SignIn';
import { StaffingPage } from './pages/Staffing';
import { SessionProvider, useSession } from './session/session';

/** Navigation the role decides: an entry appears only when the graph would answer its page. */
const NAV = [
  { to: '/', label: 'Overview', scope: null },
  { to: '/clients', label: 'Clients and sites', scope: 'facilities:read' },
  { to: '/staffing', label: 'Staffing', scope: 'staffing:read' },
  { to: '/access', label: 'Access', scope: 'identity:admin' },
  { to: '/audit', label: 'Audit trail', scope: 'audit:read' },
] as const;

function Shell() {
  const { viewer, can, signOut } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const allowed = NAV.filter((n) => n.scope === null || can(n.scope));
  const guard = (scope: string, page: JSX.Element) => (can(scope) ? page : <Navigate to="/" replace />);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <Title order={1} size="h4">
              Infusion Graph ops
            </Title>
          </Group>
          <Group gap="sm">
            <Text size="sm" data-testid="viewer-name">
              {viewer.name}
            </Text>
            {viewer.role && <Badge variant="light">{viewer.role.replace('_', ' ').toLowerCase()}</Badge>}
            {viewer.clientIds && <Badge variant="outline">{viewer.clientIds.length} client(s)</Badge>}
            <Button variant="default" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {allowed.map((n) => (
          <NavLink key={n.to} component={Link} to={n.to} label={n.label} active={n.to === '/' ? location.pathname === '/' : location.pathname.startsWith(n.to)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route path="/" element={<OverviewPage />} />
          <Route path="/clients" element={guard('facilities:read', <ClientsPage />)} />
          <Route path="/clients/:clientId" element={guard('facilities:read', <ClientsPage />)} />
          <Route path="/sites/:siteId" element={guard('facilities:read', <SitePage />)} />
          <Route path="/sites/:siteId/day/:date?" element={guard('scheduling:read', <DayBoardPage />)} />
          <Route path="/staffing" element={guard('staffing:read', <StaffingPage />)} />
          <Route path="/access" element={guard('identity:admin', <AccessPage />)} />
          <Route path="/audit" element={guard('audit:read', <AuditPage />)} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}

export function App() {
  return (
    <SessionProvider signedOut={(onSignedIn) => <SignInPage onSignedIn={onSignedIn} />}>
      <Shell />
    </SessionProvider>
  );
}
