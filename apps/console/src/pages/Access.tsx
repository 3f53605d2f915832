import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { type Column, DataTable } from '../components/DataTable';
import { usePagedConnection } from '../components/paging';
import { ProblemAlert } from '../components/QueryState';
import { graphql } from '../gql';
import type { ApiKeysQuery, FailedEventsQuery, OpsUsersQuery } from '../gql/graphql';
import { formatDateTime } from './dates';

const ApiKeys = graphql(`
  query ApiKeys($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      edges { node { id name prefix last4 scopes siteIds status expiresAt lastUsedAt createdAt client { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const KeyClients = graphql(`
  query KeyClients { clients(first: 100) { edges { node { id name sites { id name } } } } }
`);

const CreateApiKey = graphql(`
  mutation CreateApiKey($input: NewApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix } } }
`);

const RotateApiKey = graphql(`
  mutation RotateApiKey($id: ID!) { rotateApiKey(id: $id) { secret apiKey { id name prefix } } }
`);

const RevokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id status revokedAt } }
`);

const OpsUsers = graphql(`
  query OpsUsers($first: Int!, $after: String) {
    opsUsers(first: $first, after: $after) {
      edges { node { id email displayName role active clientIds lastSignInAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const FailedEvents = graphql(`
  query FailedEvents($first: Int!, $after: String) {
    failedEvents(first: $first, after: $after) {
      edges { node { id eventName consumer state attempts maxAttempts lastError lastAttemptAt publishedAt aggregateType aggregateId } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const ReplayFailedEvent = graphql(`
  mutation ReplayFailedEvent($id: ID!) { replayFailedEvent(id: $id) { id state attempts } }
`);

/** The scopes a client's key may carry (identity's API_KEY_SCOPES: no administration, no audit). */
const KEY_SCOPES = ['facilities:read', 'facilities:write', 'staffing:read', 'staffing:write', 'inventory:read', 'inventory:write', 'scheduling:read', 'scheduling:write', 'billing:read', 'billing:write', 'fees:read'];

type KeyRow = ApiKeysQuery['apiKeys']['edges'][number]['node'];
type UserRow = OpsUsersQuery['opsUsers']['edges'][number]['node'];
type EventRow = FailedEventsQuery['failedEvents']['edges'][number]['node'];

/** A key's secret, shown once: identity keeps only its hash. */
function SecretOnce({ secret, onClose }: { secret: string; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title="Copy the key now" size="lg">
      <Stack>
        <Alert color="yellow">This secret is shown once. Identity stores only its hash: it cannot be shown again.</Alert>
        <Code block data-testid="issued-secret">{secret}</Code>
        <Group>
          <CopyButton value={secret}>{({ copied, copy }) => <Button onClick={copy} color={copied ? 'teal' : undefined}>{copied ? 'Copied' : 'Copy key'}</Button>}</CopyButton>
          <Button variant="default" onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function IssueKeyForm({ onIssued }: { onIssued: (secret: string) => void }) {
  const [{ data: clients }] = useQuery({ query: KeyClients });
  const [state, createKey] = useMutation(CreateApiKey);
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState<string | null>(null);
  const [scopes, setScopes] = useState<string[]>(['scheduling:read']);
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const client = clients?.clients.edges.find((e) => e.node.id === clientId)?.node;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!clientId) return;
    const result = await createKey({ input: { name, clientId, scopes, siteIds: siteIds.length ? siteIds : null, expiresAt: expiresOn ? new Date(`${expiresOn}T00:00:00Z`).toISOString() : null } });
    if (result.data) onIssued(result.data.createApiKey.secret);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {state.error && <ProblemAlert error={state.error} />}
        <TextInput label="Key name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select label="Client" required searchable data={(clients?.clients.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))} value={clientId} onChange={(v) => { setClientId(v); setSiteIds([]); }} />
        <MultiSelect label="Scopes" required data={KEY_SCOPES} value={scopes} onChange={setScopes} />
        <MultiSelect label="Limit to sites (none: every site of the client)" data={(client?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))} value={siteIds} onChange={setSiteIds} disabled={!client} />
        <TextInput label="Expires on (optional, YYYY-MM-DD)" value={expiresOn} onChange={(e) => setExpiresOn(e.currentTarget.value)} />
        <Button type="submit" loading={state.fetching} disabled={!clientId || scopes.length === 0}>Issue key</Button>
      </Stack>
    </form>
  );
}

function ApiKeysTab() {
  const { rows, fetching, error, paging, refetch } = usePagedConnection(ApiKeys, {}, (d) => d.apiKeys);
  const [issuing, setIssuing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [rotateState, rotate] = useMutation(RotateApiKey);
  const [revokeState, revoke] = useMutation(RevokeApiKey);
  const columns: Column<KeyRow>[] = [
    { key: 'name', header: 'Name', value: (k) => k.name },
    { key: 'client', header: 'Client', value: (k) => k.client.name },
    { key: 'key', header: 'Key', value: (k) => `${k.prefix}…${k.last4}` },
    { key: 'scopes', header: 'Scopes', value: (k) => k.scopes.join(' ') },
    { key: 'sites', header: 'Sites', value: (k) => (k.siteIds ? `${k.siteIds.length} site(s)` : 'all') },
    { key: 'status', header: 'Status', value: (k) => k.status, render: (k) => <Badge variant="light" color={k.status === 'ACTIVE' ? 'teal' : 'gray'}>{k.status.toLowerCase()}</Badge> },
    { key: 'lastUsed', header: 'Last used', value: (k) => k.lastUsedAt, render: (k) => formatDateTime(k.lastUsedAt) },
    {
      key: 'actions',
      header: 'Actions',
      sortable: false,
      value: () => '',
      render: (k) =>
        k.status === 'ACTIVE' ? (
          <Group gap={4}>
            <Button size="compact-xs" variant="light" onClick={async () => { const r = await rotate({ id: k.id }); if (r.data) { setSecret(r.data.rotateApiKey.secret); refetch(); } }}>Rotate</Button>
            <Button size="compact-xs" variant="light" color="red" onClick={async () => { if (window.confirm(`Revoke ${k.name}? It stops working within seconds.`)) { await revoke({ id: k.id }); refetch(); } }}>Revoke</Button>
          </Group>
        ) : null,
    },
  ];
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setIssuing(true)}>Issue an API key</Button>
      </Group>
      {rotateState.error && <ProblemAlert error={rotateState.error} />}
      {revokeState.error && <ProblemAlert error={revokeState.error} />}
      <DataTable label="API keys" columns={columns} rows={rows} rowKey={(k) => k.id} fetching={fetching} error={error} paging={paging} emptyText="No API key yet." />
      <Modal opened={issuing} onClose={() => setIssuing(false)} title="Issue an API key" size="lg">
        <IssueKeyForm onIssued={(s) => { setIssuing(false); setSecret(s); refetch(); }} />
      </Modal>
      {secret && <SecretOnce secret={secret} onClose={() => setSecret(null)} />}
    </Stack>
  );
}

function OpsUsersTab() {
  const { rows, fetching, error, paging } = usePagedConnection(OpsUsers, {}, (d) => d.opsUsers);
  const columns: Column<UserRow>[] = [
    { key: 'name', header: 'Name', value: (u) => u.displayName },
    { key: 'email', header: 'Email', value: (u) => u.email },
    { key: 'role', header: 'Role', value: (u) => u.role },
    { key: 'clients', header: 'Clients', value: (u) => (u.clientIds ? `${u.clientIds.length} client(s)` : 'all') },
    { key: 'active', header: 'Active', value: (u) => (u.active ? 'yes' : 'no') },
    { key: 'lastSignIn', header: 'Last sign-in', value: (u) => u.lastSignInAt, render: (u) => formatDateTime(u.lastSignInAt) },
  ];
  return <DataTable label="Ops users" columns={columns} rows={rows} rowKey={(u) => u.id} fetching={fetching} error={error} paging={paging} />;
}

function FailedEventsTab() {
  const { rows, fetching, error, paging, refetch } = usePagedConnection(FailedEvents, {}, (d) => d.failedEvents);
  const [replayState, replay] = useMutation(ReplayFailedEvent);
  const columns: Column<EventRow>[] = [
    { key: 'event', header: 'Event', value: (e) => e.eventName },
    { key: 'consumer', header: 'Consumer', value: (e) => e.consumer },
    { key: 'aggregate', header: 'Aggregate', value: (e) => `${e.aggregateType} ${e.aggregateId}` },
    { key: 'state', header: 'State', value: (e) => e.state },
    { key: 'attempts', header: 'Attempts', value: (e) => `${e.attempts}/${e.maxAttempts}` },
    { key: 'error', header: 'Last error', value: (e) => e.lastError },
    { key: 'last', header: 'Last attempt', value: (e) => e.lastAttemptAt, render: (e) => formatDateTime(e.lastAttemptAt) },
    { key: 'actions', header: 'Actions', sortable: false, value: () => '', render: (e) => <Button size="compact-xs" variant="light" onClick={async () => { await replay({ id: e.id }); refetch(); }}>Replay</Button> },
  ];
  return (
    <Stack>
      {replayState.error && <ProblemAlert error={replayState.error} />}
      <DataTable label="Failed events" columns={columns} rows={rows} rowKey={(e) => e.id} fetching={fetching} error={error} paging={paging} emptyText="No failed event: every event was delivered." />
    </Stack>
  );
}

export function AccessPage() {
  return (
    <Stack>
      <Title order={2}>Access</Title>
      <Text size="sm" c="dimmed">Nobody grants more than they hold: identity refuses scopes, clients or sites the signed-in admin lacks.</Text>
      <Tabs defaultValue="keys" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="keys">API keys</Tabs.Tab>
          <Tabs.Tab value="users">Ops users</Tabs.Tab>
          <Tabs.Tab value="events">Failed events</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys" pt="md"><ApiKeysTab /></Tabs.Panel>
        <Tabs.Panel value="users" pt="md"><OpsUsersTab /></Tabs.Panel>
        <Tabs.Panel value="events" pt="md"><FailedEventsTab /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
