import { Anchor, Badge, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../components/DataTable';
import { graphql } from '../gql';
import type { OverviewAttentionQuery, OverviewBookingsQuery, OverviewClientsQuery } from '../gql/graphql';
import { isoDate, todayBounds } from './dates';

const OverviewClients = graphql(`
  query OverviewClients {
    clients(first: 100) {
      edges { node { id name status sites { id name status timeZone chairs { id active } } } }
    }
  }
`);

const OverviewBookings = graphql(`
  query OverviewBookings($from: DateTime!, $to: DateTime!) {
    sites(first: 100) {
      edges { node { id appointments(from: $from, to: $to) { id status chair { id } } } }
    }
  }
`);

const OverviewAttention = graphql(`
  query OverviewAttention($withinDays: Int!, $authBefore: LocalDate!) {
    attention(withinDays: $withinDays) { kind severity message dueOn clientId siteId entityId entityType }
    staffingAttention(withinDays: $withinDays) {
      expiringCredentials { name credential expiresOn daysLeft staffMember { id fullName homeSiteId } }
      supervisionGaps { startsAt endsAt minutes site { id name } }
    }
    sites(first: 100) { edges { node { id name stock { belowPar quantityOnHand reorderQuantity product { id name } } } } }
    priorAuthorizations(first: 100, status: ACTIVE, expiringBefore: $authBefore) {
      edges { node { id authorizationNumber validTo remainingUnits hcpcsCode siteId site { name } } }
    }
  }
`);

type SiteRow = OverviewClientsQuery['clients']['edges'][number]['node']['sites'][number] & { clientId: string; clientName: string; booked: number | null };

interface AttentionRow {
  id: string;
  what: string;
  severity: string;
  due: string | null;
  message: string;
  link: string;
}

const STATUS_COLOURS: Record<string, string> = { CRITICAL: 'red', WARNING: 'orange', NOTICE: 'blue' };

function bookedChairs(bookings: OverviewBookingsQuery | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { node } of bookings?.sites.edges ?? []) {
    const chairs = new Set(node.appointments.filter((a) => a.status !== 'CANCELLED' && a.chair).map((a) => a.chair!.id));
    counts.set(node.id, chairs.size);
  }
  return counts;
}

function attentionRows(data: OverviewAttentionQuery | undefined): AttentionRow[] {
  if (!data) return [];
  const rows: AttentionRow[] = data.attention.map((a) => ({
    id: `facilities:${a.kind}:${a.entityId}`,
    what: a.kind.replace(/_/g, ' ').toLowerCase(),
    severity: a.severity,
    due: a.dueOn ?? null,
    message: a.message,
    link: `/sites/${a.siteId}`,
  }));
  for (const c of data.staffingAttention.expiringCredentials) {
    rows.push({ id: `credential:${c.staffMember.id}:${c.name}`, what: `${c.credential.toLowerCase()} expiring`, severity: c.daysLeft <= 7 ? 'CRITICAL' : 'WARNING', due: c.expiresOn, message: `${c.staffMember.fullName}: ${c.name}`, link: '/staffing' });
  }
  for (const g of data.staffingAttention.supervisionGaps) {
    rows.push({ id: `gap:${g.site.id}:${g.startsAt}`, what: 'uncovered supervision', severity: 'CRITICAL', due: g.startsAt.slice(0, 10), message: `${g.site.name}: ${g.minutes} min without the required supervisor`, link: '/staffing' });
  }
  for (const { node: site } of data.sites.edges) {
    for (const s of site.stock.filter((x) => x.belowPar)) {
      rows.push({ id: `stock:${site.id}:${s.product.id}`, what: 'below par stock', severity: 'WARNING', due: null, message: `${site.name}: ${s.product.name} (${s.quantityOnHand} on hand, reorder ${s.reorderQuantity})`, link: `/sites/${site.id}` });
    }
  }
  for (const { node: pa } of data.priorAuthorizations.edges) {
    rows.push({ id: `auth:${pa.id}`, what: 'authorization running out', severity: pa.remainingUnits === 0 ? 'CRITICAL' : 'NOTICE', due: pa.validTo, message: `${pa.site.name}: ${pa.authorizationNumber} (${pa.hcpcsCode}), ${pa.remainingUnits} units left`, link: `/sites/${pa.siteId}` });
  }
  return rows;
}

export function OverviewPage() {
  const today = useMemo(() => todayBounds(), []);
  const [clients] = useQuery({ query: OverviewClients });
  // Bookings and attention are separate operations: a role or subgraph that cannot answer one leaves the rest standing.
  const [bookings] = useQuery({ query: OverviewBookings, variables: today });
  const [attention] = useQuery({ query: OverviewAttention, variables: { withinDays: 30, authBefore: isoDate(30) } });

  const booked = bookedChairs(bookings.data);
  const sites: SiteRow[] = (clients.data?.clients.edges ?? []).flatMap(({ node: c }) =>
    c.sites.map((s) => ({ ...s, clientId: c.id, clientName: c.name, booked: bookings.data ? (booked.get(s.id) ?? 0) : null })),
  );
  const siteColumns: Column<SiteRow>[] = [
    { key: 'client', header: 'Client', value: (s) => s.clientName, render: (s) => <Anchor component={Link} to={`/clients/${s.clientId}`}>{s.clientName}</Anchor> },
    { key: 'site', header: 'Site', value: (s) => s.name, render: (s) => <Anchor component={Link} to={`/sites/${s.id}`}>{s.name}</Anchor> },
    { key: 'status', header: 'Status', value: (s) => s.status },
    { key: 'chairs', header: 'Chairs in service', value: (s) => s.chairs.filter((c) => c.active).length },
    { key: 'booked', header: 'Chairs booked today', value: (s) => s.booked },
    {
      key: 'utilisation',
      header: 'Chairs in use today',
      value: (s) => {
        const active = s.chairs.filter((c) => c.active).length;
        return s.booked === null || active === 0 ? null : Math.round((100 * s.booked) / active);
      },
      render: (s) => {
        const active = s.chairs.filter((c) => c.active).length;
        return s.booked === null || active === 0 ? '—' : `${Math.round((100 * s.booked) / active)} %`;
      },
    },
  ];
  const attentionColumns: Column<AttentionRow>[] = [
    { key: 'severity', header: 'Severity', value: (r) => r.severity, render: (r) => <Badge color={STATUS_COLOURS[r.severity] ?? 'gray'} variant="light">{r.severity.toLowerCase()}</Badge> },
    { key: 'what', header: 'What', value: (r) => r.what },
    { key: 'due', header: 'Due', value: (r) => r.due },
    { key: 'message', header: 'Detail', value: (r) => r.message, render: (r) => <Anchor component={Link} to={r.link}>{r.message}</Anchor> },
  ];
  const attentionList = attentionRows(attention.data);
  return (
    <Stack>
      <Title order={2}>Overview</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">Clients</Text>
          <Text size="xl" fw={700} data-testid="client-count">{clients.data?.clients.edges.length ?? '…'}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">Sites</Text>
          <Text size="xl" fw={700}>{clients.data ? sites.length : '…'}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">Needs attention (30 days)</Text>
          <Text size="xl" fw={700}>{attention.data ? attentionList.length : '…'}</Text>
        </Card>
      </SimpleGrid>
      <Title order={3}>Clients and sites today</Title>
      {bookings.error && <Text size="sm" c="dimmed">Today's bookings are not available: {bookings.error.graphQLErrors[0]?.message ?? bookings.error.message}</Text>}
      <DataTable label="Sites today" columns={siteColumns} rows={sites} rowKey={(s) => s.id} fetching={clients.fetching} error={clients.error} emptyText="No client or site yet." />
      <Title order={3}>Needs attention</Title>
      <DataTable label="Attention items" columns={attentionColumns} rows={attentionList} rowKey={(r) => r.id} fetching={attention.fetching} error={attention.error} emptyText="Nothing needs attention in the next 30 days." />
    </Stack>
  );
}
