import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Column, DataTable } from '../components/DataTable';
import { usePagedConnection } from '../components/paging';
import { graphql } from '../gql';
import type { AuditTrailQuery } from '../gql/graphql';
import { formatDateTime } from './dates';

const AuditTrail = graphql(`
  query AuditTrail($first: Int!, $after: String, $action: String, $entityType: String, $entityId: ID, $from: DateTime, $to: DateTime) {
    auditEvents(first: $first, after: $after, action: $action, entityType: $entityType, entityId: $entityId, from: $from, to: $to) {
      edges { node { id occurredAt service operation action actorKind actorName entityType entityIds reason remoteAddress } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type AuditRow = AuditTrailQuery['auditEvents']['edges'][number]['node'];
interface Filters { action: string; entityType: string; entityId: string; from: string; to: string }
const EMPTY: Filters = { action: '', entityType: '', entityId: '', from: '', to: '' };

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const variables = {
    action: filters.action || null,
    entityType: filters.entityType || null,
    entityId: filters.entityId || null,
    from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : null,
    to: filters.to ? new Date(`${filters.to}T23:59:59`).toISOString() : null,
  };
  const { rows, fetching, error, paging } = usePagedConnection(AuditTrail, variables, (d) => d.auditEvents);
  const set = (k: keyof Filters) => (e: { currentTarget: { value: string } }) => { const v = e.currentTarget.value; setDraft((f) => ({ ...f, [k]: v })); };
  const columns: Column<AuditRow>[] = [
    { key: 'when', header: 'When', value: (a) => a.occurredAt, render: (a) => formatDateTime(a.occurredAt) },
    { key: 'actor', header: 'Who', value: (a) => `${a.actorName ?? ''} (${a.actorKind.toLowerCase()})` },
    { key: 'service', header: 'Service', value: (a) => a.service },
    { key: 'operation', header: 'Operation', value: (a) => a.operation },
    { key: 'action', header: 'Action', value: (a) => a.action },
    { key: 'entity', header: 'Entity', value: (a) => `${a.entityType ?? ''} ${a.entityIds.join(', ')}` },
    { key: 'reason', header: 'Reason', value: (a) => a.reason },
    { key: 'from', header: 'From', value: (a) => a.remoteAddress },
  ];
  const apply = (event: FormEvent) => { event.preventDefault(); setFilters(draft); };
  return (
    <Stack>
      <Title order={2}>Audit trail</Title>
      <form onSubmit={apply}>
        <Group align="end">
          <TextInput label="Action" value={draft.action} onChange={set('action')} w={140} />
          <TextInput label="Entity type" value={draft.entityType} onChange={set('entityType')} w={140} />
          <TextInput label="Entity id" value={draft.entityId} onChange={set('entityId')} w={280} />
          <TextInput label="From (YYYY-MM-DD)" value={draft.from} onChange={set('from')} w={150} />
          <TextInput label="To (YYYY-MM-DD)" value={draft.to} onChange={set('to')} w={150} />
          <Button type="submit">Apply filters</Button>
          <Button variant="default" onClick={() => { setDraft(EMPTY); setFilters(EMPTY); }}>Clear</Button>
        </Group>
      </form>
      <DataTable label="Audit events" columns={columns} rows={rows} rowKey={(a) => a.id} fetching={fetching} error={error} paging={paging} emptyText="No audit event matches." />
    </Stack>
  );
}
