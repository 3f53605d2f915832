import { Alert, Anchor, Badge, Button, Group, List, Modal, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { type Column, DataTable } from '../components/DataTable';
import { usePagedConnection } from '../components/paging';
import { ProblemAlert, QueryState } from '../components/QueryState';
import { graphql } from '../gql';
import type { ClientKind, ClientsListQuery, SiteDetailQuery, SiteKind } from '../gql/graphql';
import { extensionsOf } from '../graph/errors';
import { useSession } from '../session/session';
import { formatDateTime } from './dates';
import { dayBoardPath } from './dayboard/DayBoardPage';
import { enumWords } from '../components/format';

const ClientsList = graphql(`
  query ClientsList($first: Int!, $after: String) {
    clients(first: $first, after: $after) {
      edges { node { id name kind specialty state status sites { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const CreateClient = graphql(`
  mutation CreateClient($input: CreateClientInput!) { createClient(input: $input) { id name status } }
`);

const CreateSite = graphql(`
  mutation CreateSite($input: CreateSiteInput!) { createSite(input: $input) { id name placeOfService claimForm supervision } }
`);

const SiteDetail = graphql(`
  query SiteDetail($id: ID!) {
    site(id: $id) {
      id name kind status city state street postalCode timeZone placeOfService claimForm supervision
      client { id name }
      weeklyHours { weekday opensAt closesAt }
      chairs { id label privateRoom active retiredAt retirementReason }
    }
  }
`);

const SetWeeklyHours = graphql(`
  mutation SetWeeklyHours($input: SetWeeklyHoursInput!) { setWeeklyHours(input: $input) { id weeklyHours { weekday opensAt closesAt } } }
`);

const AddChair = graphql(`
  mutation AddChair($input: AddChairInput!) { addChair(input: $input) { id label active } }
`);

const RetireChair = graphql(`
  mutation RetireChair($chairId: ID!, $reason: String!) { retireChair(chairId: $chairId, reason: $reason) { id active retiredAt retirementReason } }
`);

type ClientRow = ClientsListQuery['clients']['edges'][number]['node'];
type ChairRow = SiteDetailQuery['site']['chairs'][number];
const CLIENT_KINDS: ClientKind[] = ['PHYSICIAN_PRACTICE', 'NP_CLINIC', 'HOSPITAL'];
const SITE_KINDS: SiteKind[] = ['OFFICE', 'HOPD_ON_CAMPUS', 'HOPD_OFF_CAMPUS', 'PHARMACY_AIS', 'STANDALONE_AIC', 'HOME'];
const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function NewClientForm({ onDone }: { onDone: (id: string) => void }) {
  const [state, createClient] = useMutation(CreateClient);
  const [form, setForm] = useState({ name: '', legalName: '', kind: 'PHYSICIAN_PRACTICE' as ClientKind, specialty: '', state: '', taxId: '', npi: '' });
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createClient({ input: { ...form, legalName: form.legalName || null, taxId: form.taxId || null, npi: form.npi || null } });
    if (result.data) onDone(result.data.createClient.id);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {state.error && <ProblemAlert error={state.error} />}
        <TextInput label="Name" required value={form.name} onChange={set('name')} />
        <TextInput label="Legal name" value={form.legalName} onChange={set('legalName')} />
        <Select label="Kind" data={CLIENT_KINDS.map((k) => ({ value: k, label: enumWords(k) }))} value={form.kind} onChange={(v) => v && setForm((f) => ({ ...f, kind: v as ClientKind }))} allowDeselect={false} />
        <TextInput label="Specialty" required value={form.specialty} onChange={set('specialty')} />
        <TextInput label="State (two letters)" required maxLength={2} value={form.state} onChange={set('state')} />
        <TextInput label="Tax id (EIN)" value={form.taxId} onChange={set('taxId')} />
        <TextInput label="NPI" value={form.npi} onChange={set('npi')} />
        <Button type="submit" loading={state.fetching}>Onboard client</Button>
      </Stack>
    </form>
  );
}

function NewSiteForm({ clientId, onDone }: { clientId: string; onDone: (id: string) => void }) {
  const [state, createSite] = useMutation(CreateSite);
  const [form, setForm] = useState({ name: '', kind: 'OFFICE' as SiteKind, timeZone: 'America/New_York', street: '', city: '', state: '', postalCode: '' });
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createSite({ input: { ...form, clientId } });
    if (result.data) onDone(result.data.createSite.id);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {state.error && <ProblemAlert error={state.error} />}
        <TextInput label="Site name" required value={form.name} onChange={set('name')} />
        <Select label="Kind" data={SITE_KINDS.map((k) => ({ value: k, label: enumWords(k) }))} value={form.kind} onChange={(v) => v && setForm((f) => ({ ...f, kind: v as SiteKind }))} allowDeselect={false} />
        <TextInput label="Time zone (IANA)" required value={form.timeZone} onChange={set('timeZone')} />
        <TextInput label="Street" required value={form.street} onChange={set('street')} />
        <TextInput label="City" required value={form.city} onChange={set('city')} />
        <TextInput label="State" required maxLength={2} value={form.state} onChange={set('state')} />
        <TextInput label="Postal code" required value={form.postalCode} onChange={set('postalCode')} />
        <Button type="submit" loading={state.fetching}>Open site</Button>
      </Stack>
    </form>
  );
}

export function ClientsPage() {
  const { clientId } = useParams();
  const { can, viewer } = useSession();
  const navigate = useNavigate();
  const [onboarding, setOnboarding] = useState(false);
  const [newSiteFor, setNewSiteFor] = useState<string | null>(null);
  const { rows, fetching, error, paging, refetch } = usePagedConnection(ClientsList, {}, (d) => d.clients);
  const shown = clientId ? rows.filter((c) => c.id === clientId) : rows;
  const canWrite = can('facilities:write');
  const columns: Column<ClientRow>[] = [
    { key: 'name', header: 'Client', value: (c) => c.name, render: (c) => <Anchor component={Link} to={`/clients/${c.id}`}>{c.name}</Anchor> },
    { key: 'kind', header: 'Kind', value: (c) => enumWords(c.kind) },
    { key: 'specialty', header: 'Specialty', value: (c) => c.specialty },
    { key: 'state', header: 'State', value: (c) => c.state },
    { key: 'status', header: 'Status', value: (c) => c.status, render: (c) => <Badge variant="light">{enumWords(c.status)}</Badge> },
    {
      key: 'sites',
      header: 'Sites',
      value: (c) => c.sites.map((s) => s.name).join('; '),
      render: (c) => (
        <Group gap={6}>
          {c.sites.map((s) => (
            <Anchor key={s.id} component={Link} to={`/sites/${s.id}`} size="sm">{s.name}</Anchor>
          ))}
          {canWrite && (
            <Button size="compact-xs" variant="subtle" onClick={() => setNewSiteFor(c.id)}>Add site</Button>
          )}
        </Group>
      ),
    },
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Clients and sites</Title>
        {/* Only operator users without client limits may onboard a client (facilities' rule). */}
        {canWrite && viewer.clientIds === null && <Button onClick={() => setOnboarding(true)}>Onboard a client</Button>}
      </Group>
      {clientId && <Anchor component={Link} to="/clients">All clients</Anchor>}
      <DataTable label="Clients" columns={columns} rows={shown} rowKey={(c) => c.id} fetching={fetching} error={error} paging={clientId ? undefined : paging} emptyText="No client yet." />
      <Modal opened={onboarding} onClose={() => setOnboarding(false)} title="Onboard a client">
        <NewClientForm onDone={(id) => { setOnboarding(false); refetch(); navigate(`/clients/${id}`); }} />
      </Modal>
      <Modal opened={newSiteFor !== null} onClose={() => setNewSiteFor(null)} title="Open a site">
        {newSiteFor && <NewSiteForm clientId={newSiteFor} onDone={(id) => { setNewSiteFor(null); navigate(`/sites/${id}`); }} />}
      </Modal>
    </Stack>
  );
}

interface HoldingAppointment { id: string; startsAt: string; endsAt: string }

/** A refused retirement, as facilities explains it: the appointments still holding the chair (`extensions.appointments`). */
function RetireRefusal({ error }: { error: CombinedError }) {
  const listed = extensionsOf(error).appointments;
  const appointments = Array.isArray(listed) ? (listed as HoldingAppointment[]) : [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {appointments.length > 0 && (
        <List size="sm" aria-label="Appointments holding the chair">
          {appointments.slice(0, 20).map((a) => (
            <List.Item key={a.id}>{formatDateTime(a.startsAt)} – {new Date(a.endsAt).toLocaleTimeString()}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function WeeklyHoursEditor({ siteId, hours, onSaved }: { siteId: string; hours: { weekday: number; opensAt: string; closesAt: string }[]; onSaved: () => void }) {
  const [state, save] = useMutation(SetWeeklyHours);
  const [days, setDays] = useState(() =>
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
      const h = hours.find((x) => x.weekday === weekday);
      return { weekday, open: Boolean(h), opensAt: h?.opensAt ?? '08:00', closesAt: h?.closesAt ?? '17:00' };
    }),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save({ input: { siteId, days: days.filter((d) => d.open).map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })) } });
    if (result.data) onSaved();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        {state.error && <ProblemAlert error={state.error} />}
        {days.map((d, i) => (
          <Group key={d.weekday}>
            <Switch label={WEEKDAYS[d.weekday]} checked={d.open} w={140} onChange={(e) => { const open = e.currentTarget.checked; setDays((x) => x.map((y, j) => (j === i ? { ...y, open } : y))); }} />
            <TextInput aria-label={`${WEEKDAYS[d.weekday]} opens at`} value={d.opensAt} disabled={!d.open} w={90} onChange={(e) => { const v = e.currentTarget.value; setDays((x) => x.map((y, j) => (j === i ? { ...y, opensAt: v } : y))); }} />
            <TextInput aria-label={`${WEEKDAYS[d.weekday]} closes at`} value={d.closesAt} disabled={!d.open} w={90} onChange={(e) => { const v = e.currentTarget.value; setDays((x) => x.map((y, j) => (j === i ? { ...y, closesAt: v } : y))); }} />
          </Group>
        ))}
        <Button type="submit" loading={state.fetching}>Save weekly hours</Button>
      </Stack>
    </form>
  );
}

export function SitePage() {
  const { siteId = '' } = useParams();
  const { can } = useSession();
  const canWrite = can('facilities:write');
  const [{ data, fetching, error }, refetch] = useQuery({ query: SiteDetail, variables: { id: siteId } });
  const [addState, addChair] = useMutation(AddChair);
  const [retireState, retireChair] = useMutation(RetireChair);
  const [newChair, setNewChair] = useState({ label: '', privateRoom: false });
  const [retiring, setRetiring] = useState<ChairRow | null>(null);
  const [reason, setReason] = useState('');
  const [editingHours, setEditingHours] = useState(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const site = data?.site;
  const chairColumns: Column<ChairRow>[] = [
    { key: 'label', header: 'Chair', value: (c) => c.label },
    { key: 'room', header: 'Private room', value: (c) => (c.privateRoom ? 'yes' : 'no') },
    { key: 'status', header: 'Status', value: (c) => (c.active ? 'in service' : `retired ${c.retiredAt?.slice(0, 10) ?? ''}`) },
    { key: 'reason', header: 'Retirement reason', value: (c) => c.retirementReason },
    ...(canWrite
      ? [{ key: 'actions', header: 'Actions', sortable: false, value: () => '', render: (c: ChairRow) => (c.active ? <Button size="compact-xs" color="red" variant="light" onClick={() => { setRetiring(c); setReason(''); }}>Retire</Button> : null) }]
      : []),
  ];
  return (
    <QueryState fetching={fetching} error={error} empty={!site}>
      {site && (
        <Stack>
          <Anchor component={Link} to={`/clients/${site.client.id}`}>{site.client.name}</Anchor>
          <Title order={2}>{site.name}</Title>
          {can('scheduling:read') && <Anchor component={Link} to={dayBoardPath(site.id)}>Day board</Anchor>}
          <Group gap="xs">
            <Badge variant="light">{enumWords(site.kind)}</Badge>
            <Badge variant="outline">POS {site.placeOfService}</Badge>
            <Badge variant="outline">{enumWords(site.supervision)} supervision</Badge>
            <Badge variant="outline">{site.status.toLowerCase()}</Badge>
          </Group>
          <Text size="sm">{site.street}, {site.city}, {site.state} {site.postalCode} · {site.timeZone}</Text>
          <Group justify="space-between">
            <Title order={3}>Weekly hours</Title>
            {canWrite && <Button variant="default" size="xs" onClick={() => setEditingHours(true)}>Change hours</Button>}
          </Group>
          {site.weeklyHours.length === 0 ? <Text c="dimmed">No opening hours yet.</Text> : (
            <List size="sm">
              {[...site.weeklyHours].sort((a, b) => a.weekday - b.weekday).map((h) => <List.Item key={h.weekday}>{WEEKDAYS[h.weekday]} {h.opensAt}–{h.closesAt}</List.Item>)}
            </List>
          )}
          <Title order={3}>Chairs</Title>
          {canWrite && (
            <form onSubmit={async (e) => { e.preventDefault(); const r = await addChair({ input: { siteId: site.id, label: newChair.label, privateRoom: newChair.privateRoom } }); if (r.data) { setNewChair({ label: '', privateRoom: false }); reload(); } }}>
              <Group align="end">
                <TextInput label="New chair label" required value={newChair.label} onChange={(e) => { const v = e.currentTarget.value; setNewChair((c) => ({ ...c, label: v })); }} />
                <Switch label="Private room" checked={newChair.privateRoom} onChange={(e) => { const v = e.currentTarget.checked; setNewChair((c) => ({ ...c, privateRoom: v })); }} />
                <Button type="submit" loading={addState.fetching}>Add chair</Button>
              </Group>
              {addState.error && <ProblemAlert error={addState.error} />}
            </form>
          )}
          <DataTable label={`Chairs of ${site.name}`} columns={chairColumns} rows={site.chairs} rowKey={(c) => c.id} emptyText="No chair yet." />
          <Modal opened={retiring !== null} onClose={() => setRetiring(null)} title={`Retire ${retiring?.label ?? ''}`}>
            <form onSubmit={async (e) => { e.preventDefault(); if (!retiring) return; const r = await retireChair({ chairId: retiring.id, reason }); if (r.data) { setRetiring(null); reload(); } }}>
              <Stack>
                <Alert color="yellow">A retired chair is never bookable again. Facilities refuses while visits still hold it.</Alert>
                {retireState.error && <RetireRefusal error={retireState.error} />}
                <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                <Button type="submit" color="red" loading={retireState.fetching}>Retire chair</Button>
              </Stack>
            </form>
          </Modal>
          <Modal opened={editingHours} onClose={() => setEditingHours(false)} title="Weekly hours (site's local time)" size="lg">
            <WeeklyHoursEditor siteId={site.id} hours={site.weeklyHours} onSaved={() => { setEditingHours(false); reload(); }} />
          </Modal>
        </Stack>
      )}
    </QueryState>
  );
}
