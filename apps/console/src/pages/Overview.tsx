import { Anchor, Badge, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../components/DataTable';
import { graphql } from '../gql';
import type { AuthorizationAttentionQuery, ExpiringLotsAttentionQuery, FacilitiesAndStaffingAttentionQuery, OverviewBookingsQuery, OverviewSitesQuery, StockAttentionQuery } from '../gql/graphql';
import { usePagedConnection } from '../components/paging';
import { ProblemAlert } from '../components/QueryState';
import { addDays, dateInZone, isoDate, siteToday } from './dates';
import { dayBoardPath } from './dayboard/DayBoardPage';
import { lotsLink, stockLink } from './inventory/links';
import { enumWords } from '../components/format';

const OverviewCounts = graphql(`
  query OverviewCounts {
    clients(first: 100) { edges { node { id } } pageInfo { hasNextPage } }
  }
`);

const OverviewSites = graphql(`
  query OverviewSites($first: Int!, $after: String) {
    sites(first: $first, after: $after) {
      edges { node { id name status timeZone client { id name } chairs { id active } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

// Each site's today is its own local date: one window that holds every zone's today (a day either
// side of UTC's), narrowed per site to its own day's visits and its own date's utilisation.
// 50 sites keep it under the gateway's cost limit (100 with three days of utilisation do not).
const OverviewBookings = graphql(`
  query OverviewBookings($from: DateTime!, $to: DateTime!, $firstDate: LocalDate!, $lastDate: LocalDate!) {
    sites(first: 50) {
      edges { node { id timeZone appointments(from: $from, to: $to) { id status startsAt chair { id } } utilisation(from: $firstDate, to: $lastDate) { date utilisation } } }
    }
  }
`);

// Three operations, one per source: each stays well inside the gateway's cost limit, and a source
// that cannot answer leaves the others standing.
const FacilitiesAndStaffingAttention = graphql(`
  query FacilitiesAndStaffingAttention($withinDays: Int!) {
    attention(withinDays: $withinDays) { kind severity message dueOn clientId siteId entityId entityType }
    staffingAttention(withinDays: $withinDays) {
      expiringCredentials { name credential expiresOn daysLeft staffMember { id fullName } }
      supervisionGaps { startsAt endsAt minutes site { id name } }
    }
  }
`);

const StockAttention = graphql(`
  query StockAttention {
    sites(first: 50) { edges { node { id name stock { belowPar quantityOnHand reorderQuantity product { id name } } } } }
  }
`);

// Lots expire first-to-expire first, so the soonest 100 with stock are the ones that matter.
const ExpiringLotsAttention = graphql(`
  query ExpiringLotsAttention($by: LocalDate!) {
    lots(first: 100, inStockOnly: true, expiringBy: $by) {
      edges { node { id lotNumber expiresOn quantityOnHand siteId productId product { name } site { name timeZone } } }
    }
  }
`);

const AuthorizationAttention = graphql(`
  query AuthorizationAttention($before: LocalDate!) {
    priorAuthorizations(first: 100, status: ACTIVE, expiringBefore: $before) {
      edges { node { id authorizationNumber validTo remainingUnits hcpcsCode siteId site { name } } }
    }
  }
`);

interface SiteToday {
  date: string;
  booked: number;
  /** The graph's Site.utilisation for the site's date: booked over open chair-minutes; null when closed. */
  utilisation: number | null;
}

type SiteRow = OverviewSitesQuery['sites']['edges'][number]['node'] & { today: SiteToday | null };

interface AttentionRow {
  id: string;
  what: string;
  severity: string;
  due: string | null;
  message: string;
  link: string;
}

const STATUS_COLOURS: Record<string, string> = { CRITICAL: 'red', WARNING: 'orange', NOTICE: 'blue' };

/** A window holding today in every time zone: UTC's date a day either side, as instants and as dates. */
function anyZoneToday(now = new Date()) {
  const utcDate = now.toISOString().slice(0, 10);
  const firstDate = addDays(utcDate, -1);
  const lastDate = addDays(utcDate, 1);
  return { from: `${firstDate}T00:00:00.000Z`, to: `${addDays(lastDate, 1)}T00:00:00.000Z`, firstDate, lastDate };
}

const within = (instant: string, day: { from: string; to: string }) => Date.parse(instant) >= Date.parse(day.from) && Date.parse(instant) < Date.parse(day.to);

function sitesToday(bookings: OverviewBookingsQuery | undefined, now = new Date()): Map<string, SiteToday> {
  const days = new Map<string, SiteToday>();
  for (const { node } of bookings?.sites.edges ?? []) {
    const today = siteToday(node.timeZone, now);
    const visits = node.appointments.filter((a) => a.status !== 'CANCELLED' && a.chair && within(a.startsAt, today));
    const booked = new Set(visits.map((a) => a.chair!.id)).size;
    const utilisation = node.utilisation.find((u) => u.date === today.date)?.utilisation ?? null;
    days.set(node.id, { date: today.date, booked, utilisation });
  }
  return days;
}

/** The graph's utilisation (a fraction) as the overview shows it. */
export const formatUtilisation = (u: number | null | undefined) => (u === null || u === undefined ? '—' : `${(u * 100).toFixed(1)} %`);

function attentionRows(
  data: FacilitiesAndStaffingAttentionQuery | undefined,
  stock: StockAttentionQuery | undefined,
  lots: ExpiringLotsAttentionQuery | undefined,
  authorizations: AuthorizationAttentionQuery | undefined,
): AttentionRow[] {
  const rows: AttentionRow[] = (data?.attention ?? []).map((a) => ({
    id: `facilities:${a.kind}:${a.entityId}`,
    what: enumWords(a.kind),
    severity: a.severity,
    due: a.dueOn ?? null,
    message: a.message,
    link: `/sites/${a.siteId}`,
  }));
  for (const c of data?.staffingAttention.expiringCredentials ?? []) {
    rows.push({ id: `credential:${c.staffMember.id}:${c.name}`, what: `${c.credential.toLowerCase()} expiring`, severity: c.daysLeft <= 7 ? 'CRITICAL' : 'WARNING', due: c.expiresOn, message: `${c.staffMember.fullName}: ${c.name}`, link: '/staffing' });
  }
  for (const g of data?.staffingAttention.supervisionGaps ?? []) {
    rows.push({ id: `gap:${g.site.id}:${g.startsAt}`, what: 'uncovered supervision', severity: 'CRITICAL', due: g.startsAt.slice(0, 10), message: `${g.site.name}: ${g.minutes} min without the required supervisor`, link: '/staffing' });
  }
  for (const { node: site } of stock?.sites.edges ?? []) {
    for (const s of site.stock.filter((x) => x.belowPar)) {
      rows.push({ id: `stock:${site.id}:${s.product.id}`, what: 'below par stock', severity: 'WARNING', due: null, message: `${site.name}: ${s.product.name} (${s.quantityOnHand} on hand, reorder ${s.reorderQuantity})`, link: stockLink(site.id, { belowPar: true }) });
    }
  }
  for (const { node: lot } of lots?.lots.edges ?? []) {
    // Usable through its expiry date, at the site's own date.
    const expired = lot.expiresOn < dateInZone(lot.site.timeZone);
    rows.push({ id: `lot:${lot.id}`, what: expired ? 'expired lot on the shelf' : 'lot expiring', severity: expired ? 'CRITICAL' : 'WARNING', due: lot.expiresOn, message: `${lot.site.name}: ${lot.product.name} lot ${lot.lotNumber} (${lot.quantityOnHand} on hand)`, link: lotsLink({ siteId: lot.siteId, productId: lot.productId, withinDays: 30 }) });
  }
  for (const { node: pa } of authorizations?.priorAuthorizations.edges ?? []) {
    rows.push({ id: `auth:${pa.id}`, what: 'authorization running out', severity: pa.remainingUnits === 0 ? 'CRITICAL' : 'NOTICE', due: pa.validTo, message: `${pa.site.name}: ${pa.authorizationNumber} (${pa.hcpcsCode}), ${pa.remainingUnits} units left`, link: `/sites/${pa.siteId}` });
  }
  return rows;
}

export function OverviewPage() {
  const zoneWindow = useMemo(() => anyZoneToday(), []);
  const [counts] = useQuery({ query: OverviewCounts });
  const sitesPage = usePagedConnection(OverviewSites, {}, (d) => d.sites);
  const [bookings] = useQuery({ query: OverviewBookings, variables: zoneWindow });
  const [attention] = useQuery({ query: FacilitiesAndStaffingAttention, variables: { withinDays: 30 } });
  const [stock] = useQuery({ query: StockAttention });
  const [lots] = useQuery({ query: ExpiringLotsAttention, variables: { by: isoDate(30) } });
  const [authorizations] = useQuery({ query: AuthorizationAttention, variables: { before: isoDate(14) } });

  const days = sitesToday(bookings.data);
  const sites: SiteRow[] = sitesPage.rows.map((s) => ({ ...s, today: days.get(s.id) ?? null }));
  const activeChairs = (s: SiteRow) => s.chairs.filter((c) => c.active).length;
  const siteColumns: Column<SiteRow>[] = [
    { key: 'client', header: 'Client', value: (s) => s.client.name, render: (s) => <Anchor component={Link} to={`/clients/${s.client.id}`}>{s.client.name}</Anchor> },
    { key: 'site', header: 'Site', value: (s) => s.name, render: (s) => <Anchor component={Link} to={`/sites/${s.id}`}>{s.name}</Anchor> },
    { key: 'status', header: 'Status', value: (s) => s.status },
    { key: 'chairs', header: 'Chairs in service', value: activeChairs },
    { key: 'date', header: 'Today at the site', value: (s) => s.today?.date ?? dateInZone(s.timeZone) },
    { key: 'booked', header: 'Chairs booked today', value: (s) => s.today?.booked },
    { key: 'utilisation', header: 'Utilisation today', value: (s) => s.today?.utilisation, render: (s) => <span data-testid={`utilisation-${s.id}`}>{formatUtilisation(s.today?.utilisation)}</span> },
    { key: 'board', header: 'Day board', sortable: false, value: () => '', render: (s) => <Anchor component={Link} to={dayBoardPath(s.id)} aria-label={`Day board of ${s.name}`}>Today</Anchor> },
  ];
  const attentionColumns: Column<AttentionRow>[] = [
    { key: 'severity', header: 'Severity', value: (r) => r.severity, render: (r) => <Badge color={STATUS_COLOURS[r.severity] ?? 'gray'} variant="light">{r.severity.toLowerCase()}</Badge> },
    { key: 'what', header: 'What', value: (r) => r.what },
    { key: 'due', header: 'Due', value: (r) => r.due },
    { key: 'message', header: 'Detail', value: (r) => r.message, render: (r) => <Anchor component={Link} to={r.link}>{r.message}</Anchor> },
  ];
  const attentionList = attentionRows(attention.data, stock.data, lots.data, authorizations.data);
  const attentionFetching = attention.fetching || stock.fetching || lots.fetching || authorizations.fetching;
  const clientCount = counts.data ? `${counts.data.clients.edges.length}${counts.data.clients.pageInfo.hasNextPage ? '+' : ''}` : '…';
  return (
    <Stack>
      <Title order={2}>Overview</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">Clients</Text>
          <Text size="xl" fw={700} data-testid="client-count">{clientCount}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">Sites on this page</Text>
          <Text size="xl" fw={700}>{sitesPage.fetching && sites.length === 0 ? '…' : sites.length}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">Needs attention (30 days)</Text>
          <Text size="xl" fw={700}>{attentionFetching ? '…' : attentionList.length}</Text>
        </Card>
      </SimpleGrid>
      <Title order={3}>Clients and sites today</Title>
      {bookings.error && <Text size="sm" c="dimmed">Today's bookings are not available: {bookings.error.graphQLErrors[0]?.message ?? bookings.error.message}</Text>}
      <DataTable label="Sites today" columns={siteColumns} rows={sites} rowKey={(s) => s.id} fetching={sitesPage.fetching} error={sitesPage.error} paging={sitesPage.paging} emptyText="No client or site yet." />
      <Title order={3}>Needs attention</Title>
      {[attention.error, stock.error, lots.error, authorizations.error].map((error, i) => error && <ProblemAlert key={['facilities', 'stock', 'lots', 'authorizations'][i]} error={error} />)}
      <DataTable label="Attention items" columns={attentionColumns} rows={attentionList} rowKey={(r) => r.id} fetching={attentionFetching} emptyText="Nothing needs attention in the next 30 days." />
    </Stack>
  );
}
