import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { usePagedConnection } from '../../components/paging';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { CountedCollectionsQuery, CountedTreatmentsQuery, FeeInvoiceDetailQuery, FeeLineKind } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { formatDateTime } from '../dates';
import { ConfirmDialog, StatusBadge } from './Invoices';
import { formatMoney } from './money';
import { enumWords } from '../../components/format';

const FeeInvoiceDetail = graphql(`
  query FeeInvoiceDetail($id: ID!) {
    feeInvoice(id: $id) {
      id number status periodFrom periodTo issuedAt paidAt creditedAt creditNoteNumber creditReason treatments
      amount { amount currency } collections { amount currency }
      contract { id name client { id name } }
      lines {
        id position kind description rate fromTreatments toTreatments treatments sites therapyClass tierSiteId lineFrom lineTo adjustsInvoiceId
        collections { amount currency } amount { amount currency }
      }
    }
  }
`);

// The graph has no lookup of one line: the page asks the invoice's lines for a page of what they
// counted and keeps the chosen line's (the cursor is that line's).
const CountedTreatments = graphql(`
  query CountedTreatments($id: ID!, $first: Int!, $after: String) {
    feeInvoice(id: $id) {
      id
      lines {
        id
        countedTreatments(first: $first, after: $after) {
          edges { node { id serviceDate completedAt siteId therapyClass payerId } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`);

const CountedCollections = graphql(`
  query CountedCollections($id: ID!, $first: Int!, $after: String) {
    feeInvoice(id: $id) {
      id
      lines {
        id
        countedCollections(first: $first, after: $after) {
          edges { node { id receivedOn amount { amount currency } reference source siteId } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`);

const MarkFeeInvoicePaid = graphql(`
  mutation MarkFeeInvoicePaid($id: ID!) { markFeeInvoicePaid(id: $id) { id status paidAt } }
`);

const CreditFeeInvoice = graphql(`
  mutation CreditFeeInvoice($id: ID!, $reason: String!) { creditFeeInvoice(id: $id, reason: $reason) { id status creditedAt creditNoteNumber creditReason } }
`);

type Line = FeeInvoiceDetailQuery['feeInvoice']['lines'][number];
type TreatmentRow = CountedTreatmentsQuery['feeInvoice']['lines'][number]['countedTreatments']['edges'][number]['node'];
type CollectionRow = CountedCollectionsQuery['feeInvoice']['lines'][number]['countedCollections']['edges'][number]['node'];

const TREATMENT_LINES: FeeLineKind[] = ['GRADUATED_TIER', 'VOLUME_TIER', 'ADJUSTMENT'];
const COLLECTION_LINES: FeeLineKind[] = ['PERCENT_OF_COLLECTIONS', 'COLLECTIONS_FLOOR'];

const treatmentColumns: Column<TreatmentRow>[] = [
  { key: 'serviceDate', header: 'Service date', value: (t) => t.serviceDate },
  { key: 'completedAt', header: 'Completed', value: (t) => t.completedAt, render: (t) => formatDateTime(t.completedAt) },
  { key: 'class', header: 'Therapy class', value: (t) => enumWords(t.therapyClass) },
  { key: 'site', header: 'Site id', value: (t) => t.siteId },
  { key: 'id', header: 'Treatment id', value: (t) => t.id },
];

const collectionColumns: Column<CollectionRow>[] = [
  { key: 'receivedOn', header: 'Received on', value: (c) => c.receivedOn },
  { key: 'currency', header: 'Currency', value: (c) => c.amount.currency },
  { key: 'amount', header: 'Amount', value: (c) => c.amount.amount, render: (c) => formatMoney(c.amount) },
  { key: 'reference', header: 'Reference', value: (c) => c.reference },
  { key: 'source', header: 'Source', value: (c) => enumWords(c.source) },
  { key: 'site', header: 'Site id', value: (c) => c.siteId },
];

function CountedTreatmentsTable({ invoiceId, line }: { invoiceId: string; line: Line }) {
  const variables = useMemo(() => ({ id: invoiceId }), [invoiceId]);
  const select = useMemo(() => (d: CountedTreatmentsQuery) => d.feeInvoice.lines.find((l) => l.id === line.id)!.countedTreatments, [line.id]);
  const { rows, fetching, error, paging } = usePagedConnection(CountedTreatments, variables, select, 50, 50);
  return <DataTable label={`Treatments counted by line ${line.position}`} columns={treatmentColumns} rows={rows} rowKey={(t) => t.id} fetching={fetching} error={error} paging={paging} emptyText="The line counted no treatment." />;
}

function CountedCollectionsTable({ invoiceId, line }: { invoiceId: string; line: Line }) {
  const variables = useMemo(() => ({ id: invoiceId }), [invoiceId]);
  const select = useMemo(() => (d: CountedCollectionsQuery) => d.feeInvoice.lines.find((l) => l.id === line.id)!.countedCollections, [line.id]);
  const { rows, fetching, error, paging } = usePagedConnection(CountedCollections, variables, select, 50, 50);
  return <DataTable label={`Collections counted by line ${line.position}`} columns={collectionColumns} rows={rows} rowKey={(c) => c.id} fetching={fetching} error={error} paging={paging} emptyText="The line counted no collection." />;
}

export function InvoiceDetailPage() {
  const { invoiceId } = useParams();
  const { can } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FeeInvoiceDetail, variables: { id: invoiceId! } });
  const [drilled, setDrilled] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'paid' | 'credit' | null>(null);
  const [reason, setReason] = useState('');
  const [paid, markPaid] = useMutation(MarkFeeInvoicePaid);
  const [credited, credit] = useMutation(CreditFeeInvoice);
  const invoice = data?.feeInvoice;
  const line = invoice?.lines.find((l) => l.id === drilled) ?? null;

  const lineColumns: Column<Line>[] = [
    { key: 'position', header: '#', value: (l) => l.position },
    { key: 'kind', header: 'Component', value: (l) => enumWords(l.kind) },
    { key: 'description', header: 'Description', value: (l) => l.description },
    { key: 'tier', header: 'Tier', value: (l) => (l.fromTreatments ? `${l.fromTreatments}–${l.toTreatments ?? '…'}` : null) },
    { key: 'rate', header: 'Rate', value: (l) => l.rate },
    { key: 'count', header: 'Count', value: (l) => l.treatments ?? l.sites ?? null },
    { key: 'collections', header: 'Collections', value: (l) => l.collections?.amount, render: (l) => formatMoney(l.collections) },
    { key: 'amount', header: 'Amount', value: (l) => l.amount.amount, render: (l) => formatMoney(l.amount) },
    {
      key: 'drill',
      header: 'Counted',
      sortable: false,
      value: () => null,
      render: (l) =>
        TREATMENT_LINES.includes(l.kind) || COLLECTION_LINES.includes(l.kind) ? (
          <Button size="compact-xs" variant={drilled === l.id ? 'filled' : 'light'} onClick={() => setDrilled(drilled === l.id ? null : l.id)} aria-pressed={drilled === l.id}>
            {COLLECTION_LINES.includes(l.kind) ? `Collections of line ${l.position}` : `Treatments of line ${l.position}`}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Stack>
      <Anchor component={Link} to="/fees/invoices" size="sm">
        ← Invoices
      </Anchor>
      <QueryState fetching={fetching} error={error} empty={!invoice}>
        {invoice && (
          <>
            <Group justify="space-between">
              <Group>
                <Title order={3}>Invoice {invoice.number}</Title>
                <StatusBadge status={invoice.status} />
              </Group>
              {can('billing:write') && invoice.status === 'ISSUED' && (
                <Group>
                  <Button onClick={() => setConfirm('paid')}>Mark paid</Button>
                  <Button color="red" variant="light" onClick={() => setConfirm('credit')}>
                    Credit
                  </Button>
                </Group>
              )}
            </Group>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 2, md: 4 }}>
                <Text size="sm">Client: {invoice.contract.client.name}</Text>
                <Text size="sm">Contract: {invoice.contract.name}</Text>
                <Text size="sm">
                  Period: {invoice.periodFrom} – {invoice.periodTo}
                </Text>
                <Text size="sm">Issued: {formatDateTime(invoice.issuedAt)}</Text>
                <Text size="sm">Treatments: {invoice.treatments}</Text>
                <Text size="sm">Collections: {formatMoney(invoice.collections)}</Text>
                <Text size="sm" fw={700} data-testid="invoice-total">
                  Total: {formatMoney(invoice.amount)}
                </Text>
                {invoice.paidAt && <Text size="sm">Paid: {formatDateTime(invoice.paidAt)}</Text>}
                {invoice.creditedAt && (
                  <Text size="sm">
                    Credited {formatDateTime(invoice.creditedAt)} by {invoice.creditNoteNumber}: {invoice.creditReason}
                  </Text>
                )}
              </SimpleGrid>
            </Paper>
            <Title order={4}>Lines</Title>
            <DataTable label="Invoice lines" columns={lineColumns} rows={invoice.lines} rowKey={(l) => l.id} emptyText="The invoice has no line." />
            {line && (
              <Paper withBorder p="md">
                <Title order={4} mb="xs">
                  What line {line.position} counted: {line.description}
                </Title>
                {COLLECTION_LINES.includes(line.kind) ? <CountedCollectionsTable invoiceId={invoice.id} line={line} /> : <CountedTreatmentsTable invoiceId={invoice.id} line={line} />}
              </Paper>
            )}
            <ConfirmDialog
              title={`Mark ${invoice.number} paid?`}
              opened={confirm === 'paid'}
              onClose={() => setConfirm(null)}
              confirmLabel="Mark paid"
              busy={paid.fetching}
              error={paid.error}
              onConfirm={async () => {
                if ((await markPaid({ id: invoice.id })).data) {
                  setConfirm(null);
                  refetch({ requestPolicy: 'network-only' });
                }
              }}
            >
              <Text size="sm">Record that {invoice.contract.client.name} paid {formatMoney(invoice.amount)}.</Text>
            </ConfirmDialog>
            <ConfirmDialog
              title={`Credit ${invoice.number}?`}
              opened={confirm === 'credit'}
              onClose={() => setConfirm(null)}
              confirmLabel="Credit the invoice"
              busy={credited.fetching}
              error={credited.error}
              onConfirm={async () => {
                if ((await credit({ id: invoice.id, reason })).data) {
                  setConfirm(null);
                  refetch({ requestPolicy: 'network-only' });
                }
              }}
            >
              <Text size="sm">A numbered credit note cancels it; the period may then be invoiced again.</Text>
              <Textarea label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            </ConfirmDialog>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
