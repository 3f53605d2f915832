import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
import { graphql } from '../gql';
import type { ExpiringCredentialsQuery, SiteRosterQuery } from '../gql/graphql';
import { addDays, formatDateTime, siteToday, startOfLocalDate } from './dates';

const StaffingSites = graphql(`
  query StaffingSites { sites(first: 100) { edges { node { id name timeZone client { name } } } } }
`);

const SiteRosterAndCoverage = graphql(`
  query SiteRoster($siteId: ID!, $from: DateTime!, $to: DateTime!, $dayFrom: DateTime!, $dayTo: DateTime!) {
    siteRoster(siteId: $siteId, from: $from, to: $to) {
      shifts { id startsAt endsAt role staffMember { id fullName employment } }
    }
    staffingCoverage(siteId: $siteId, from: $dayFrom, to: $dayTo) {
      startsAt endsAt nursesOnShift nurseCapacity chairsBooked understaffed supervisionRequired supervisionMet
    }
  }
`);

const ExpiringCredentials = graphql(`
  query ExpiringCredentials($withinDays: Int!) {
    expiringCredentials(withinDays: $withinDays) { name credential expiresOn daysLeft staffMember { id fullName homeSite { name } } }
  }
`);

type ShiftRow = SiteRosterQuery['siteRoster']['shifts'][number];
type CredentialRow = ExpiringCredentialsQuery['expiringCredentials'][number];

export function StaffingPage() {
  const [{ data: sites, fetching: sitesFetching, error: sitesError }] = useQuery({ query: StaffingSites });
  const [siteId, setSiteId] = useState<string | null>(null);
  const chosen = siteId ?? sites?.sites.edges[0]?.node.id ?? null;
  // Today and the week ahead at the chosen site, in its own time zone (not the browser's).
  const timeZone = sites?.sites.edges.find((e) => e.node.id === chosen)?.node.timeZone ?? 'UTC';
  const range = useMemo(() => {
    const day = siteToday(timeZone);
    return { from: day.from, to: startOfLocalDate(addDays(day.date, 7), timeZone).toISOString(), dayFrom: day.from, dayTo: day.to };
  }, [timeZone]);
  const [roster] = useQuery({ query: SiteRosterAndCoverage, variables: { siteId: chosen ?? '', ...range }, pause: !chosen });
  const [credentials] = useQuery({ query: ExpiringCredentials, variables: { withinDays: 60 } });
  const coverage = (roster.data?.staffingCoverage ?? []).map((h) => ({
    hour: new Date(h.startsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', timeZone }),
    'Nurses on shift': h.nursesOnShift,
    'Chairs booked': h.chairsBooked,
  }));
  const understaffed = (roster.data?.staffingCoverage ?? []).filter((h) => h.understaffed || (h.supervisionRequired && !h.supervisionMet)).length;
  const shiftColumns: Column<ShiftRow>[] = [
    { key: 'who', header: 'Staff member', value: (s) => s.staffMember.fullName },
    { key: 'role', header: 'Role', value: (s) => s.role },
    { key: 'employment', header: 'Employment', value: (s) => s.staffMember.employment },
    { key: 'starts', header: 'Starts', value: (s) => s.startsAt, render: (s) => formatDateTime(s.startsAt, timeZone) },
    { key: 'ends', header: 'Ends', value: (s) => s.endsAt, render: (s) => formatDateTime(s.endsAt, timeZone) },
  ];
  const credentialColumns: Column<CredentialRow>[] = [
    { key: 'who', header: 'Staff member', value: (c) => c.staffMember.fullName },
    { key: 'site', header: 'Home site', value: (c) => c.staffMember.homeSite.name },
    { key: 'what', header: 'Credential', value: (c) => `${c.credential.toLowerCase()}: ${c.name}` },
    { key: 'expires', header: 'Expires on', value: (c) => c.expiresOn },
    { key: 'days', header: 'Days left', value: (c) => c.daysLeft, render: (c) => <Badge color={c.daysLeft <= 14 ? 'red' : 'orange'} variant="light">{c.daysLeft}</Badge> },
  ];
  return (
    <Stack>
      <Title order={2}>Staffing</Title>
      <QueryState fetching={sitesFetching} error={sitesError} empty={!sites?.sites.edges.length} emptyText="No site yet.">
        <Select
          label="Site"
          w={360}
          searchable
          allowDeselect={false}
          data={(sites?.sites.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.client.name} — ${e.node.name}` }))}
          value={chosen}
          onChange={setSiteId}
        />
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={3}>Coverage today, by hour</Title>
            {roster.data && <Badge color={understaffed ? 'red' : 'teal'} variant="light">{understaffed ? `${understaffed} hour(s) short` : 'covered'}</Badge>}
          </Group>
          <QueryState fetching={roster.fetching} error={roster.error} empty={coverage.length === 0} emptyText="The site is closed today.">
            {/* The chart is one image to assistive technology; the same numbers are in the roster and the coverage API. */}
            <div role="img" aria-label="Nurses on shift and chairs booked, by hour of today">
              <BarChart h={260} data={coverage} dataKey="hour" withLegend series={[{ name: 'Nurses on shift', color: 'teal.7' }, { name: 'Chairs booked', color: 'indigo.6' }]} />
            </div>
          </QueryState>
        </Paper>
        <Title order={3}>Roster, next 7 days</Title>
        <DataTable label="Roster" columns={shiftColumns} rows={roster.data?.siteRoster.shifts ?? []} rowKey={(s) => s.id} fetching={roster.fetching} error={roster.error} emptyText="No shift in the next 7 days." />
      </QueryState>
      <Title order={3}>Credentials expiring within 60 days</Title>
      <Text size="sm" c="dimmed">Licences and competencies; renewals are recorded in staffing.</Text>
      <DataTable label="Expiring credentials" columns={credentialColumns} rows={credentials.data?.expiringCredentials ?? []} rowKey={(c) => `${c.staffMember.id}:${c.credential}:${c.name}:${c.expiresOn}`} fetching={credentials.fetching} error={credentials.error} emptyText="No credential expires in the next 60 days." />
    </Stack>
  );
}
