import { ActionIcon, Alert, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { ProblemAlert, QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { FeeActivityInput, FeeBasis, FeeScheduleTermsInput, TherapyClass, WhatIfContractQuery, WhatIfPreviewQuery } from '../../gql/graphql';
import { FeeReport, type FeeReportRow } from './FeeReport';
import { ClientFilter } from './Fees';
import { difference, formatMoney } from './money';
import { lastMonth, monthLabel } from './periods';
import { enumWords } from '../../components/format';

const WhatIfContracts = graphql(`
  query WhatIfContracts($clientId: ID) {
    managementContracts(clientId: $clientId, first: 200) { edges { node { id name client { id name } } } }
  }
`);

const WhatIfContract = graphql(`
  query WhatIfContract($id: ID!) {
    managementContract(id: $id) {
          id name currency
          client { id name }
          feeSchedule {
            id basis effectiveFrom tiersPerSite percent
            monthlyMinimum { amount } monthlyCap { amount } flatPerSiteMonthly { amount } flatPerChairMonthly { amount }
            fixedAnnualFee { amount } collectionsFloor { amount }
            tiers { fromTreatments toTreatments therapyClass feePerTreatment { amount } }
            percentTiers { percent upToCollections { amount } }
          }
    }
  }
`);

const WhatIfPreview = graphql(`
  query WhatIfPreview($activity: FeeActivityInput!, $currency: String, $month: LocalDate, $current: FeeScheduleTermsInput!, $proposed: FeeScheduleTermsInput!) {
    current: feeProposalPreview(activity: $activity, currency: $currency, month: $month, terms: $current) { amount { amount currency } }
    proposed: feeProposalPreview(activity: $activity, currency: $currency, month: $month, terms: $proposed) {
      amount { amount currency }
      lines { kind description rate treatments fromTreatments toTreatments sites therapyClass collections { amount currency } amount { amount currency } }
    }
  }
`);

type Contract = WhatIfContractQuery['managementContract'];
type Schedule = NonNullable<Contract['feeSchedule']>;
type PreviewLine = WhatIfPreviewQuery['proposed']['lines'][number];

const BASES: FeeBasis[] = ['PER_TREATMENT_GRADUATED', 'PER_TREATMENT_VOLUME', 'PERCENT_OF_COLLECTIONS', 'FLAT_PER_SITE', 'FIXED_COMPONENTS'];
const CLASSES: TherapyClass[] = ['ONCOLOGY', 'NON_ONCOLOGY', 'HYDRATION'];

interface TierForm {
  fromTreatments: number;
  toTreatments: number | '';
  feePerTreatment: string;
  therapyClass: TherapyClass | null;
}
interface PercentTierForm {
  percent: string;
  upToCollections: string;
}
/** The schedule as the form edits it: amounts stay the graph's decimal strings. */
interface TermsForm {
  basis: FeeBasis;
  tiersPerSite: boolean;
  percent: string;
  monthlyMinimum: string;
  monthlyCap: string;
  flatPerSiteMonthly: string;
  flatPerChairMonthly: string;
  fixedAnnualFee: string;
  collectionsFloor: string;
  tiers: TierForm[];
  percentTiers: PercentTierForm[];
}

function formOf(schedule: Schedule): TermsForm {
  return {
    basis: schedule.basis,
    tiersPerSite: schedule.tiersPerSite,
    percent: schedule.percent ?? '',
    monthlyMinimum: schedule.monthlyMinimum?.amount ?? '',
    monthlyCap: schedule.monthlyCap?.amount ?? '',
    flatPerSiteMonthly: schedule.flatPerSiteMonthly?.amount ?? '',
    flatPerChairMonthly: schedule.flatPerChairMonthly?.amount ?? '',
    fixedAnnualFee: schedule.fixedAnnualFee?.amount ?? '',
    collectionsFloor: schedule.collectionsFloor?.amount ?? '',
    tiers: schedule.tiers.map((t) => ({ fromTreatments: t.fromTreatments, toTreatments: t.toTreatments ?? '', feePerTreatment: t.feePerTreatment.amount, therapyClass: t.therapyClass ?? null })),
    percentTiers: schedule.percentTiers.map((t) => ({ percent: t.percent, upToCollections: t.upToCollections?.amount ?? '' })),
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The form as the preview's terms; the graph validates them (BAD_USER_INPUT names the field). */
function termsOf(form: TermsForm): FeeScheduleTermsInput {
  const perTreatment = form.basis === 'PER_TREATMENT_GRADUATED' || form.basis === 'PER_TREATMENT_VOLUME';
  const percentBasis = form.basis === 'PERCENT_OF_COLLECTIONS';
  return {
    basis: form.basis,
    tiersPerSite: perTreatment ? form.tiersPerSite : undefined,
    percent: percentBasis && form.percentTiers.length === 0 ? optional(form.percent) : undefined,
    percentTiers: percentBasis && form.percentTiers.length > 0 ? form.percentTiers.map((t) => ({ percent: t.percent, upToCollections: optional(t.upToCollections) })) : undefined,
    collectionsFloor: percentBasis ? optional(form.collectionsFloor) : undefined,
    tiers: perTreatment ? form.tiers.map((t) => ({ fromTreatments: t.fromTreatments, toTreatments: t.toTreatments === '' ? undefined : t.toTreatments, feePerTreatment: t.feePerTreatment, therapyClass: t.therapyClass ?? undefined })) : undefined,
    monthlyMinimum: optional(form.monthlyMinimum),
    monthlyCap: optional(form.monthlyCap),
    flatPerSiteMonthly: optional(form.flatPerSiteMonthly),
    flatPerChairMonthly: optional(form.flatPerChairMonthly),
    fixedAnnualFee: optional(form.fixedAnnualFee),
  };
}

const lineColumns: Column<PreviewLine>[] = [
  { key: 'kind', header: 'Component', value: (l) => enumWords(l.kind) },
  { key: 'description', header: 'Description', value: (l) => l.description },
  { key: 'rate', header: 'Rate', value: (l) => l.rate },
  { key: 'count', header: 'Count', value: (l) => l.treatments ?? l.sites ?? null },
  { key: 'amount', header: 'Amount', value: (l) => l.amount.amount, render: (l) => formatMoney(l.amount) },
];

export function WhatIfPage() {
  const month = lastMonth();
  const [clientId, setClientId] = useState<string | null>(null);
  // The contract is in the address, so the report can link a row's contract here.
  const [params, setParams] = useSearchParams();
  const contractId = params.get('contract');
  const setContractId = (id: string | null) => setParams(id ? { contract: id } : {}, { replace: true });
  const [contracts] = useQuery({ query: WhatIfContracts, variables: { clientId } });
  const [chosen] = useQuery({ query: WhatIfContract, variables: { id: contractId ?? '' }, pause: !contractId });
  const contract = contractId ? (chosen.data?.managementContract ?? null) : null;
  const [report] = useQuery({ query: FeeReport, variables: { from: month, to: month, clientId: contract?.client.id ?? null }, pause: !contract });
  const reported = report.data?.feeReport.find((r) => r.contract.id === contract?.id) ?? null;

  const contractChoices = useMemo(
    () => (contracts.data?.managementContracts.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.client.name} — ${e.node.name}` })).sort((a, b) => a.label.localeCompare(b.label)),
    [contracts.data],
  );

  return (
    <Stack>
      <Title order={3}>What-if: price a schedule change</Title>
      <Text size="sm" c="dimmed">
        Start from a contract's schedule in force today, change its terms, and price both against {monthLabel(month)}'s activity. Nothing is stored.
      </Text>
      <Group align="flex-end">
        <ClientFilter value={clientId} onChange={(id) => { setClientId(id); setContractId(null); }} />
        <Select label="Contract" placeholder="Choose a contract" w={420} searchable data={contractChoices} value={contractId} onChange={setContractId} />
      </Group>
      <QueryState fetching={contracts.fetching} error={contracts.error} empty={contractChoices.length === 0} emptyText="No management contract to price.">
        {chosen.error && <ProblemAlert error={chosen.error} />}
        {contract && !contract.feeSchedule && <Alert color="yellow">This contract has no fee schedule in force today.</Alert>}
        {contract?.feeSchedule && (
          <QueryState fetching={report.fetching} error={report.error} empty={!report.data}>
            {/* Keyed by contract: a newly chosen contract starts from its own schedule and activity. */}
            <WhatIfForm key={contract.id} contract={contract} schedule={contract.feeSchedule} reported={reported} month={month} />
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

function activityOf(reported: FeeReportRow | null): FeeActivityInput {
  const of = (c: TherapyClass) => reported?.byTherapyClass.find((x) => x.therapyClass === c)?.treatments ?? 0;
  return {
    treatments: reported?.treatments ?? 0,
    oncologyTreatments: of('ONCOLOGY'),
    hydrationTreatments: of('HYDRATION'),
    collections: reported?.collections.amount ?? '0.00',
    activeSites: Math.max(reported?.bySite.length ?? 0, 1),
    chairs: 0,
  };
}

/** The schedule in force as the graph returns it, edited here and priced with the preview query against one month. */
function WhatIfForm({ contract, schedule, reported, month }: { contract: Contract; schedule: Schedule; reported: FeeReportRow | null; month: string }) {
  const [form, setForm] = useState<TermsForm>(() => formOf(schedule));
  const [activity, setActivity] = useState<FeeActivityInput>(() => activityOf(reported));
  const [priced, setPriced] = useState<{ current: FeeScheduleTermsInput; proposed: FeeScheduleTermsInput; activity: FeeActivityInput } | null>(null);
  const [preview] = useQuery({
    query: WhatIfPreview,
    variables: priced ? { activity: priced.activity, currency: contract?.currency, month, current: priced.current, proposed: priced.proposed } : (undefined as never),
    pause: !priced,
    requestPolicy: 'network-only',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPriced({ current: termsOf(formOf(schedule)), proposed: termsOf(form), activity });
  };

  const update = (change: Partial<TermsForm>) => setForm((f) => ({ ...f, ...change }));
  const setTier = (index: number, change: Partial<TierForm>) => update({ tiers: form.tiers.map((t, i) => (i === index ? { ...t, ...change } : t)) });
  const setPercentTier = (index: number, change: Partial<PercentTierForm>) => update({ percentTiers: form.percentTiers.map((t, i) => (i === index ? { ...t, ...change } : t)) });
  const perTreatment = form.basis === 'PER_TREATMENT_GRADUATED' || form.basis === 'PER_TREATMENT_VOLUME';
  const moneyField = (label: string, key: keyof TermsForm) => (
    <TextInput label={label} inputMode="decimal" placeholder="none" value={form[key] as string} onChange={(e) => update({ [key]: e.currentTarget.value } as Partial<TermsForm>)} />
  );

  return (
    <Stack>
          <form onSubmit={submit} aria-label="Proposed schedule">
            <Stack>
              <Paper withBorder p="md">
                <Title order={4} mb="xs">
                  Proposed terms
                </Title>
                <SimpleGrid cols={{ base: 1, md: 3 }}>
                  <Select label="Basis" allowDeselect={false} data={BASES.map((b) => ({ value: b, label: enumWords(b) }))} value={form.basis} onChange={(v) => v && update({ basis: v as FeeBasis })} />
                  {moneyField('Monthly minimum', 'monthlyMinimum')}
                  {moneyField('Monthly cap', 'monthlyCap')}
                  {moneyField('Flat per site, monthly', 'flatPerSiteMonthly')}
                  {moneyField('Flat per chair, monthly', 'flatPerChairMonthly')}
                  {moneyField('Fixed annual fee', 'fixedAnnualFee')}
                  {form.basis === 'PERCENT_OF_COLLECTIONS' && form.percentTiers.length === 0 && (
                    <TextInput label="Percent of collections" inputMode="decimal" value={form.percent} onChange={(e) => update({ percent: e.currentTarget.value })} />
                  )}
                  {form.basis === 'PERCENT_OF_COLLECTIONS' && moneyField('Collections floor', 'collectionsFloor')}
                </SimpleGrid>
                {perTreatment && (
                  <>
                    <Checkbox mt="sm" label="Count each site's treatments against the tiers separately" checked={form.tiersPerSite} onChange={(e) => update({ tiersPerSite: e.currentTarget.checked })} />
                    <Table mt="sm" aria-label="Proposed tiers">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>From treatment</Table.Th>
                          <Table.Th>To treatment</Table.Th>
                          <Table.Th>Fee per treatment</Table.Th>
                          <Table.Th>Therapy class</Table.Th>
                          <Table.Th>
                            <VisuallyHidden>Remove</VisuallyHidden>
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {form.tiers.map((tier, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: tiers are edited in place; their position is their identity
                          <Table.Tr key={i}>
                            <Table.Td>
                              <NumberInput aria-label={`Tier ${i + 1} from treatment`} min={1} allowDecimal={false} value={tier.fromTreatments} onChange={(v) => setTier(i, { fromTreatments: Number(v) || 1 })} />
                            </Table.Td>
                            <Table.Td>
                              <NumberInput aria-label={`Tier ${i + 1} to treatment`} min={1} allowDecimal={false} placeholder="open-ended" value={tier.toTreatments} onChange={(v) => setTier(i, { toTreatments: v === '' ? '' : Number(v) })} />
                            </Table.Td>
                            <Table.Td>
                              <TextInput aria-label={`Tier ${i + 1} fee per treatment`} inputMode="decimal" value={tier.feePerTreatment} onChange={(e) => setTier(i, { feePerTreatment: e.currentTarget.value })} />
                            </Table.Td>
                            <Table.Td>
                              <Select aria-label={`Tier ${i + 1} therapy class`} placeholder="all classes" clearable data={CLASSES.map((c) => ({ value: c, label: enumWords(c) }))} value={tier.therapyClass} onChange={(v) => setTier(i, { therapyClass: (v as TherapyClass | null) ?? null })} />
                            </Table.Td>
                            <Table.Td>
                              <ActionIcon variant="subtle" color="red" aria-label={`Remove tier ${i + 1}`} onClick={() => update({ tiers: form.tiers.filter((_, j) => j !== i) })}>
                                ×
                              </ActionIcon>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                    <Button mt="xs" variant="default" size="xs" onClick={() => update({ tiers: [...form.tiers, { fromTreatments: (Number(form.tiers.at(-1)?.toTreatments) || 0) + 1, toTreatments: '', feePerTreatment: form.tiers.at(-1)?.feePerTreatment ?? '0.00', therapyClass: null }] })}>
                      Add a tier
                    </Button>
                  </>
                )}
                {form.basis === 'PERCENT_OF_COLLECTIONS' && form.percentTiers.length > 0 && (
                  <Stack gap="xs" mt="sm">
                    {form.percentTiers.map((tier, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: bands are edited in place; their position is their identity
                      <Group key={i}>
                        <TextInput label={`Band ${i + 1} percent`} inputMode="decimal" value={tier.percent} onChange={(e) => setPercentTier(i, { percent: e.currentTarget.value })} />
                        <TextInput label={`Band ${i + 1} up to collections`} inputMode="decimal" placeholder="open-ended" value={tier.upToCollections} onChange={(e) => setPercentTier(i, { upToCollections: e.currentTarget.value })} />
                      </Group>
                    ))}
                  </Stack>
                )}
              </Paper>
              <Paper withBorder p="md">
                <Title order={4} mb="xs">
                  Activity priced ({monthLabel(month)}, from the fee report; change it to test another month)
                </Title>
                <SimpleGrid cols={{ base: 2, md: 6 }}>
                  <NumberInput label="Treatments (all)" min={0} allowDecimal={false} value={activity.treatments} onChange={(v) => setActivity({ ...activity, treatments: Number(v) || 0 })} />
                  <NumberInput label="Of these, oncology" min={0} allowDecimal={false} value={activity.oncologyTreatments ?? 0} onChange={(v) => setActivity({ ...activity, oncologyTreatments: Number(v) || 0 })} />
                  <NumberInput label="Of these, hydration" min={0} allowDecimal={false} value={activity.hydrationTreatments ?? 0} onChange={(v) => setActivity({ ...activity, hydrationTreatments: Number(v) || 0 })} />
                  <TextInput label="Collections" inputMode="decimal" value={activity.collections ?? ''} onChange={(e) => setActivity({ ...activity, collections: e.currentTarget.value })} />
                  <NumberInput label="Active sites" min={0} allowDecimal={false} value={activity.activeSites} onChange={(v) => setActivity({ ...activity, activeSites: Number(v) || 0 })} />
                  <NumberInput label="Chairs" min={0} allowDecimal={false} value={activity.chairs ?? 0} onChange={(v) => setActivity({ ...activity, chairs: Number(v) || 0 })} />
                </SimpleGrid>
              </Paper>
              <Group>
                <Button type="submit">Price the proposal</Button>
                <Button variant="default" onClick={() => setForm(formOf(schedule))}>
                  Back to the current terms
                </Button>
              </Group>
            </Stack>
          </form>
        {priced && (
          <QueryState fetching={preview.fetching} error={preview.error} empty={!preview.data}>
            {preview.data && (
              <Paper withBorder p="md" data-testid="what-if-result">
                <Group gap="xl" mb="sm">
                  <div>
                    <Text size="sm" c="dimmed">Current terms</Text>
                    <Text fw={700} data-testid="what-if-current">{formatMoney(preview.data.current.amount)}</Text>
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">Proposed terms</Text>
                    <Text fw={700} data-testid="what-if-proposed">{formatMoney(preview.data.proposed.amount)}</Text>
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">Difference</Text>
                    <Text fw={700} data-testid="what-if-difference">{formatMoney(difference(preview.data.proposed.amount, preview.data.current.amount))}</Text>
                  </div>
                  <div>
                    <Text size="sm" c="dimmed">Reported fee, {monthLabel(month)}</Text>
                    <Text fw={700}>{formatMoney(reported?.fee)}</Text>
                  </div>
                </Group>
                <Text size="xs" c="dimmed" mb="xs">
                  Both terms are priced on the same month of activity; the reported fee also prorates sites and schedule versions by day.
                </Text>
                <DataTable label="Proposed fee lines" columns={lineColumns} rows={preview.data.proposed.lines} rowKey={(l) => `${l.kind}:${l.description}`} emptyText="The proposal prices no line." />
              </Paper>
            )}
          </QueryState>
        )}
    </Stack>
  );
}
