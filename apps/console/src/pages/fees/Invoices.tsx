import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Progress, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type CombinedError, useClient, useMutation, useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { usePagedConnection } from '../../components/paging';
import { ProblemAlert, QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { FeeInvoiceDraftQuery, FeeInvoicesQuery, FeeInvoiceStatus } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { ClientFilter } from './Fees';
import { formatMoney } from './money';
import { lastMonth, monthLabel } from './periods';
import { enumWords } from '../../components/format';

const FeeInvoices = graphql(`
  query FeeInvoices($clientId: ID, $contractId: ID, $first: Int!, $after: String) {
    feeInvoices(clientId: $clientId, contractId: $contractId, first: $first, after: $after) {
      edges { node { id number status periodFrom periodTo issuedAt treatments amount { amount currency } contract { id name client { id name } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const FeeContracts = graphql(`
  query FeeContracts($clientId: ID) {
    managementContracts(clientId: $clientId, first: 200) { edges { node { id name billingPeriod client { id name } } } }
  }
`);

const FeeInvoiceDraft = graphql(`
  query FeeInvoiceDraft($contractId: ID!, $periodFrom: LocalDate!) {
    feeInvoiceDraft(contractId: $contractId, periodFrom: $periodFrom) {
      amount { amount currency }
      lines { kind description from to rate treatments sites therapyClass amount { amount currency } }
    }
  }
`);

const IssueFeeInvoice = graphql(`
  mutation IssueFeeInvoice($contractId: ID!, $periodFrom: LocalDate!) {
    issueFeeInvoice(contractId: $contractId, periodFrom: $periodFrom) { id number status }
  }
`);

const FeeInvoicingProgress = graphql(`
  query FeeInvoicingProgress($periodFrom: LocalDate!) {
    feeInvoicingProgress(periodFrom: $periodFrom) { periodFrom contracts invoiced remaining }
  }
`);

const IssueFeeInvoicesForPeriod = graphql(`
  mutation IssueFeeInvoicesForPeriod($periodFrom: LocalDate!, $batchSize: Int!) {
    issueFeeInvoicesForPeriod(periodFrom: $periodFrom, batchSize: $batchSize) { periodFrom contracts invoiced remaining issuedNow { id } }
  }
`);

type InvoiceRow = FeeInvoicesQuery['feeInvoices']['edges'][number]['node'];
type DraftLine = FeeInvoiceDraftQuery['feeInvoiceDraft']['lines'][number];
const STATUS_COLORS: Record<FeeInvoiceStatus, string> = { ISSUED: 'blue', PAID: 'teal', CREDITED: 'gray' };

/** Any month (a native month field: typed or picked), as its first day. */
function MonthField({ label, value, onChange, disabled }: { label: string; value: string; onChange: (month: string) => void; disabled?: boolean }) {
  return (
    <TextInput
      type="month"
      label={label}
      w={200}
      disabled={disabled}
      value={value.slice(0, 7)}
      onChange={(e) => /^\d{4}-\d{2}$/.test(e.currentTarget.value) && onChange(`${e.currentTarget.value}-01`)}
    />
  );
}

export const StatusBadge = ({ status }: { status: FeeInvoiceStatus }) => (
  // At least as wide as its word: a narrow table column must not cut it to "iss…".
  <Badge color={STATUS_COLORS[status]} variant="light" miw="max-content">
    {enumWords(status)}
  </Badge>
);

const invoiceColumns: Column<InvoiceRow>[] = [
  { key: 'number', header: 'Number', value: (i) => i.number, render: (i) => <Anchor component={Link} to={`/fees/invoices/${i.id}`}>{i.number}</Anchor> },
  { key: 'status', header: 'Status', value: (i) => i.status, render: (i) => <StatusBadge status={i.status} /> },
  { key: 'client', header: 'Client', value: (i) => i.contract.client.name },
  { key: 'contract', header: 'Contract', value: (i) => i.contract.name },
  { key: 'periodFrom', header: 'Period from', value: (i) => i.periodFrom },
  { key: 'periodTo', header: 'Period to', value: (i) => i.periodTo },
  { key: 'treatments', header: 'Treatments', value: (i) => i.treatments },
  { key: 'currency', header: 'Currency', value: (i) => i.amount.currency },
  { key: 'total', header: 'Total', value: (i) => i.amount.amount, render: (i) => formatMoney(i.amount) },
];

const draftColumns: Column<DraftLine>[] = [
  { key: 'kind', header: 'Component', value: (l) => enumWords(l.kind) },
  { key: 'description', header: 'Description', value: (l) => l.description },
  { key: 'days', header: 'Days', value: (l) => (l.from ? `${l.from} – ${l.to}` : null) },
  { key: 'rate', header: 'Rate', value: (l) => l.rate },
  { key: 'count', header: 'Count', value: (l) => l.treatments ?? l.sites ?? null },
  { key: 'amount', header: 'Amount', value: (l) => l.amount.amount, render: (l) => formatMoney(l.amount) },
];

/** A write the user confirms first, with the graph's refusal shown in the dialog. */
export function ConfirmDialog({ title, opened, onClose, onConfirm, confirmLabel, error, busy, children }: { title: string; opened: boolean; onClose: () => void; onConfirm: () => void; confirmLabel: string; error?: CombinedError; busy?: boolean; children: React.ReactNode }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        {children}
        {error && <ProblemAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ContractSelect({ clientId, value, onChange }: { clientId: string | null; value: string | null; onChange: (id: string | null) => void }) {
  const [{ data }] = useQuery({ query: FeeContracts, variables: { clientId } });
  const choices = useMemo(
    () => (data?.managementContracts.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.client.name} — ${e.node.name} (${enumWords(e.node.billingPeriod)})` })).sort((a, b) => a.label.localeCompare(b.label)),
    [data],
  );
  return <Select label="Contract" placeholder={choices.length ? 'All contracts' : 'No contract'} w={420} searchable clearable data={choices} value={value} onChange={onChange} />;
}

/** The draft of one contract's period: priced now from the ledgers, nothing stored; issuing stores it. */
function DraftPanel({ clientId, onIssued }: { clientId: string | null; onIssued: () => void }) {
  const { can } = useSession();
  const [contractId, setContractId] = useState<string | null>(null);
  const [periodFrom, setPeriodFrom] = useState(lastMonth());
  const [{ data, fetching, error }, recompute] = useQuery({ query: FeeInvoiceDraft, variables: { contractId: contractId ?? '', periodFrom }, pause: !contractId, requestPolicy: 'network-only' });
  const [issue, doIssue] = useMutation(IssueFeeInvoice);
  const [confirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<{ id: string; number: string } | null>(null);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Draft invoice of a contract's period
      </Title>
      <Group align="flex-end" mb="sm">
        <ContractSelect clientId={clientId} value={contractId} onChange={(id) => { setContractId(id); setIssued(null); }} />
        <MonthField label="Period (first month)" value={periodFrom} onChange={(m) => { setPeriodFrom(m); setIssued(null); }} />
        {contractId && (
          <Button variant="default" onClick={() => recompute({ requestPolicy: 'network-only' })} loading={fetching}>
            Recompute
          </Button>
        )}
        {contractId && data && can('billing:write') && (
          <Button onClick={() => setConfirming(true)}>Issue invoice</Button>
        )}
      </Group>
      {issued && (
        <Alert color="teal" mb="sm">
          Issued <Anchor component={Link} to={`/fees/invoices/${issued.id}`}>{issued.number}</Anchor>.
        </Alert>
      )}
      {contractId ? (
        <QueryState fetching={fetching} error={error} empty={!data}>
          {data && (
            <>
              <Text fw={700} mb="xs" data-testid="draft-total">
                Draft total {formatMoney(data.feeInvoiceDraft.amount)}
              </Text>
              <DataTable label="Draft invoice lines" columns={draftColumns} rows={data.feeInvoiceDraft.lines} rowKey={(l) => `${l.kind}:${l.description}:${l.from}`} emptyText="The period prices no line." />
            </>
          )}
        </QueryState>
      ) : (
        <Text c="dimmed" size="sm">
          Choose a contract to see its draft.
        </Text>
      )}
      <ConfirmDialog
        title="Issue this invoice?"
        opened={confirming}
        onClose={() => setConfirming(false)}
        confirmLabel="Issue"
        busy={issue.fetching}
        error={issue.error}
        onConfirm={async () => {
          const result = await doIssue({ contractId: contractId!, periodFrom });
          if (result.data) {
            setIssued(result.data.issueFeeInvoice);
            setConfirming(false);
            onIssued();
          }
        }}
      >
        <Text size="sm">It is numbered and stored as priced now ({data ? formatMoney(data.feeInvoiceDraft.amount) : '—'}); it can then only be paid or credited.</Text>
      </ConfirmDialog>
    </Paper>
  );
}

/**
 * Issuing a month for every contract: the graph issues a batch per call and reports progress, so
 * the console calls again until none remain. Stopped half-way (a closed tab, an error), the same
 * button resumes where the graph says it stands, without duplicates.
 */
function IssuePeriodPanel({ onIssued }: { onIssued: () => void }) {
  const { can } = useSession();
  const client = useClient();
  const [periodFrom, setPeriodFrom] = useState(lastMonth());
  const [running, setRunning] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<CombinedError | undefined>();
  const [{ data, fetching, error }, refresh] = useQuery({ query: FeeInvoicingProgress, variables: { periodFrom }, requestPolicy: 'network-only' });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(poll, 1500);
    return () => clearInterval(timer);
  }, [running, poll]);

  const run = async () => {
    setConfirming(false);
    setRunning(true);
    setFailure(undefined);
    try {
      for (;;) {
        const result = await client.mutation(IssueFeeInvoicesForPeriod, { periodFrom, batchSize: 20 }).toPromise();
        if (result.error || !result.data) {
          setFailure(result.error);
          return;
        }
        if (result.data.issueFeeInvoicesForPeriod.issuedNow.length > 0) onIssued();
        if (result.data.issueFeeInvoicesForPeriod.remaining === 0) return;
      }
    } finally {
      setRunning(false);
      poll();
    }
  };

  const progress = data?.feeInvoicingProgress;
  const share = progress && progress.contracts > 0 ? (progress.invoiced / progress.contracts) * 100 : 0;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Issue a month for every client
      </Title>
      <Group align="flex-end" mb="sm">
        <MonthField label="Month to issue" value={periodFrom} onChange={setPeriodFrom} disabled={running} />
        {can('billing:write') && progress && progress.remaining > 0 && (
          <Button onClick={() => setConfirming(true)} loading={running}>
            {progress.invoiced > 0 ? 'Resume issuing' : 'Issue the month'}
          </Button>
        )}
      </Group>
      <QueryState fetching={fetching} error={error} empty={!progress}>
        {progress && (
          <Stack gap={4} data-testid="invoicing-progress">
            <Progress value={share} aria-label={`Invoiced ${progress.invoiced} of ${progress.contracts}`} animated={running} />
            <Text size="sm">
              {progress.invoiced} of {progress.contracts} contract(s) invoiced for {monthLabel(progress.periodFrom)}; {progress.remaining} remaining.
            </Text>
          </Stack>
        )}
      </QueryState>
      {failure && <ProblemAlert error={failure} />}
      <ConfirmDialog title={`Issue ${monthLabel(periodFrom)} for every client?`} opened={confirming} onClose={() => setConfirming(false)} confirmLabel="Issue all" onConfirm={run}>
        <Text size="sm">
          {progress?.remaining ?? 0} contract(s) get their invoice for the period, numbered and stored. Stopped half-way, it can be resumed without duplicates.
        </Text>
      </ConfirmDialog>
    </Paper>
  );
}

export function InvoicesPage() {
  const [clientId, setClientId] = useState<string | null>(null);
  const [contractId, setContractId] = useState<string | null>(null);
  const [status, setStatus] = useState<FeeInvoiceStatus | null>(null);
  const variables = useMemo(() => ({ clientId, contractId }), [clientId, contractId]);
  const { rows, fetching, error, paging, refetch } = usePagedConnection(FeeInvoices, variables, (d) => d.feeInvoices);
  const shown = status ? rows.filter((r) => r.status === status) : rows;
  return (
    <Stack>
      <Title order={3}>Invoices</Title>
      <Group align="flex-end">
        <ClientFilter value={clientId} onChange={(id) => { setClientId(id); setContractId(null); }} />
        <ContractSelect clientId={clientId} value={contractId} onChange={setContractId} />
        <Select label="Status (page shown)" placeholder="Any status" w={200} clearable data={(['ISSUED', 'PAID', 'CREDITED'] as const).map((s) => ({ value: s, label: enumWords(s) }))} value={status} onChange={(v) => setStatus(v as FeeInvoiceStatus | null)} />
      </Group>
      <DataTable label="Fee invoices" columns={invoiceColumns} rows={shown} rowKey={(i) => i.id} fetching={fetching} error={error} paging={paging} emptyText="No invoice issued yet." />
      <DraftPanel clientId={clientId} onIssued={refetch} />
      <IssuePeriodPanel onIssued={refetch} />
    </Stack>
  );
}
