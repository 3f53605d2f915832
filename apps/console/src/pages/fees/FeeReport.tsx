import { BarChart, CompositeChart } from '@mantine/charts';
import { Anchor, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { FeeReportQuery } from '../../gql/graphql';
import { ClientFilter } from './Fees';
import { chartAmount, formatMoney, type MoneyValue, sumByCurrency, toCents } from './money';
import { type Granularity, lastMonth, monthLabel, monthsBack, periodMonths } from './periods';

export const FeeReport = graphql(`
  query FeeReport($from: LocalDate!, $to: LocalDate!, $clientId: ID) {
    feeReport(from: $from, to: $to, clientId: $clientId) {
      month clientId
      client { id name }
      contract { id name }
      treatments treatmentsChangePercent feeChangePercent
      fee { amount currency }
      previousFee { amount currency }
      collections { amount currency }
      collectionsLessFee { amount currency }
      effectiveFeePerTreatment { amount currency }
      nearMinimum nearCap outsideFmvBand
      bySite { site { id name } treatments }
      byTherapyClass { therapyClass treatments }
      feeByTherapyClass { therapyClass fee { amount currency } }
      feeBySite { site { id name } fee { amount currency } }
    }
  }
`);

export type FeeReportRow = FeeReportQuery['feeReport'][number];

const TREND_MONTHS = 12;
const TOP_CLIENTS = 10;
const CLASS_LABELS: Record<string, string> = { ONCOLOGY: 'Oncology', NON_ONCOLOGY: 'Non-oncology', HYDRATION: 'Hydration' };

/** Adds each key's cents (integers, exactly) over the rows. */
function centsBy<T>(items: T[], key: (item: T) => string, money: (item: T) => MoneyValue | null | undefined, currency: string): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const item of items) {
    const value = money(item);
    if (!value || value.currency !== currency) continue;
    sums.set(key(item), (sums.get(key(item)) ?? 0n) + toCents(value.amount));
  }
  return sums;
}

const money = (value: MoneyValue | null | undefined) => formatMoney(value);
const percent = (value: string | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);

/** The columns of the per-client table; the CSV export writes their values (exact decimals, the currency apart). */
const reportColumns: Column<FeeReportRow>[] = [
  { key: 'month', header: 'Month', value: (r) => r.month, render: (r) => monthLabel(r.month) },
  { key: 'client', header: 'Client', value: (r) => r.client.name },
  { key: 'contract', header: 'Contract', value: (r) => r.contract.name },
  { key: 'treatments', header: 'Treatments', value: (r) => r.treatments },
  { key: 'currency', header: 'Currency', value: (r) => r.fee.currency },
  { key: 'fee', header: 'Fee', value: (r) => r.fee.amount, render: (r) => money(r.fee) },
  { key: 'perTreatment', header: 'Fee per treatment', value: (r) => r.effectiveFeePerTreatment?.amount, render: (r) => money(r.effectiveFeePerTreatment) },
  { key: 'collections', header: 'Collections', value: (r) => r.collections.amount, render: (r) => money(r.collections) },
  { key: 'collectionsLessFee', header: 'Collections less fee', value: (r) => r.collectionsLessFee.amount, render: (r) => money(r.collectionsLessFee) },
  { key: 'feeChange', header: 'Fee change', value: (r) => r.feeChangePercent, render: (r) => percent(r.feeChangePercent) },
  {
    key: 'flags',
    header: 'Review',
    value: (r) => [r.outsideFmvBand && 'outside FMV band', r.nearMinimum && 'near minimum', r.nearCap && 'near cap'].filter(Boolean).join('; '),
    render: (r) => (
      <Stack gap={2}>
        {r.outsideFmvBand && <Text size="xs" fw={600} c="red.9">outside FMV band</Text>}
        {r.nearMinimum && <Text size="xs" fw={600} c="blue.9">near minimum</Text>}
        {r.nearCap && <Text size="xs" fw={600} c="grape.9">near cap</Text>}
      </Stack>
    ),
  },
];

const nearColumns: Column<FeeReportRow>[] = [
  { key: 'client', header: 'Client', value: (r) => r.client.name },
  { key: 'contract', header: 'Contract', value: (r) => r.contract.name },
  { key: 'month', header: 'Month', value: (r) => r.month, render: (r) => monthLabel(r.month) },
  { key: 'which', header: 'Near', value: (r) => [r.nearMinimum && 'minimum', r.nearCap && 'cap'].filter(Boolean).join(' and ') },
  { key: 'currency', header: 'Currency', value: (r) => r.fee.currency },
  { key: 'fee', header: 'Fee', value: (r) => r.fee.amount, render: (r) => money(r.fee) },
  { key: 'treatments', header: 'Treatments', value: (r) => r.treatments },
  { key: 'whatIf', header: 'Try a change', sortable: false, value: () => null, render: (r) => <Anchor component={Link} to={`/fees/what-if?contract=${r.contract.id}`}>What-if for {r.contract.name}</Anchor> },
];

/** A chart is one image to assistive technology: the same numbers are in the tables below it. */
function Chart({ title, label, children }: { title: string; label: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <div role="img" aria-label={label}>
        {children}
      </div>
    </Paper>
  );
}

export function FeeReportPage() {
  const [granularity, setGranularity] = useState<Granularity>('MONTH');
  const [month, setMonth] = useState(lastMonth());
  const [clientId, setClientId] = useState<string | null>(null);
  const period = useMemo(() => periodMonths(month, granularity), [month, granularity]);
  // One report: the trend's twelve months up to the period's last, which include the period itself.
  const trendMonths = useMemo(() => monthsBack(period.months[period.months.length - 1]!, TREND_MONTHS).reverse(), [period]);
  const variables = { from: trendMonths[0]!, to: period.to, clientId };
  const [{ data, fetching, error }] = useQuery({ query: FeeReport, variables });
  const rows = data?.feeReport ?? [];
  const periodRows = useMemo(() => rows.filter((r) => period.months.includes(r.month)), [rows, period.months]);

  // Charts need one currency; the first the period shows (the tables show every currency).
  const currency = periodRows[0]?.fee.currency ?? rows[0]?.fee.currency ?? 'USD';
  const charts = useMemo(() => {
    const inCurrency = rows.filter((r) => r.fee.currency === currency);
    const feeByMonth = centsBy(inCurrency, (r) => r.month, (r) => r.fee, currency);
    const trend = trendMonths.map((m) => ({
      month: monthLabel(m),
      Fees: chartAmount(feeByMonth.get(m) ?? 0n),
      Treatments: inCurrency.filter((r) => r.month === m).reduce((n, r) => n + r.treatments, 0),
    }));
    const periodInCurrency = periodRows.filter((r) => r.fee.currency === currency);
    const byClient = [...centsBy(periodInCurrency, (r) => r.client.name, (r) => r.fee, currency)]
      .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
      .slice(0, TOP_CLIENTS)
      .map(([client, cents]) => ({ client, Fees: chartAmount(cents) }));
    const classParts = periodInCurrency.flatMap((r) => r.feeByTherapyClass);
    const byClass = [...centsBy(classParts, (p) => (p.therapyClass ? CLASS_LABELS[p.therapyClass]! : 'All classes'), (p) => p.fee, currency)].map(([line, cents]) => ({ line, Fees: chartAmount(cents) }));
    const treatmentsByClass = new Map<string, number>();
    for (const part of periodInCurrency.flatMap((r) => r.byTherapyClass)) treatmentsByClass.set(CLASS_LABELS[part.therapyClass]!, (treatmentsByClass.get(CLASS_LABELS[part.therapyClass]!) ?? 0) + part.treatments);
    const volumeByClass = [...treatmentsByClass].map(([line, treatments]) => ({ line, Treatments: treatments }));
    const siteParts = periodInCurrency.flatMap((r) => r.feeBySite);
    const bySite = [...centsBy(siteParts, (p) => p.site?.name ?? 'Contract-wide', (p) => p.fee, currency)].map(([site, cents]) => ({ site, Fees: chartAmount(cents) }));
    const treatmentsBySite = new Map<string, number>();
    for (const part of periodInCurrency.flatMap((r) => r.bySite)) treatmentsBySite.set(part.site.name, (treatmentsBySite.get(part.site.name) ?? 0) + part.treatments);
    const volumeBySite = [...treatmentsBySite].sort((a, b) => b[1] - a[1]).slice(0, TOP_CLIENTS).map(([site, treatments]) => ({ site, Treatments: treatments }));
    return { trend, byClient, byClass, volumeByClass, bySite, volumeBySite };
  }, [rows, periodRows, currency, trendMonths]);

  const totals = {
    fee: sumByCurrency(periodRows.map((r) => r.fee)),
    collections: sumByCurrency(periodRows.map((r) => r.collections)),
    treatments: periodRows.reduce((n, r) => n + r.treatments, 0),
  };
  const near = periodRows.filter((r) => r.nearMinimum || r.nearCap);
  const moneyAxis = (value: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  const periodName = granularity === 'MONTH' ? monthLabel(period.from) : `${monthLabel(period.months[0]!)} – ${monthLabel(period.months[2]!)}`;
  const monthChoices = monthsBack(lastMonth(), 24).map((m) => ({ value: m, label: monthLabel(m) }));

  return (
    <Stack>
      <Title order={3}>Fee report</Title>
      <Group align="flex-end">
        <div>
          <Text size="sm" fw={500} id="fee-period-kind">
            Period
          </Text>
          <SegmentedControl aria-labelledby="fee-period-kind" value={granularity} onChange={(v) => setGranularity(v as Granularity)} data={[{ value: 'MONTH', label: 'Month' }, { value: 'QUARTER', label: 'Quarter' }]} />
        </div>
        <Select label={granularity === 'MONTH' ? 'Month' : 'A month of the quarter'} w={200} allowDeselect={false} data={monthChoices} value={month} onChange={(v) => v && setMonth(v)} />
        <ClientFilter value={clientId} onChange={setClientId} />
      </Group>
      <QueryState fetching={fetching} error={error} empty={rows.length === 0} emptyText="No contract priced a fee in these months.">
        <Paper withBorder p="md">
          <Group gap="xl" data-testid="fee-totals">
            <div>
              <Text size="sm" c="dimmed">
                Fees, {periodName}
              </Text>
              <Text fw={700} size="xl" data-testid="fee-total">
                {totals.fee.map(money).join(' + ') || money({ amount: '0', currency })}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">Collections</Text>
              <Text fw={700} size="xl">
                {totals.collections.map(money).join(' + ') || '—'}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">Treatments</Text>
              <Text fw={700} size="xl">
                {totals.treatments.toLocaleString('en-US')}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">Need a look</Text>
              <Text fw={700} size="xl">
                {periodRows.filter((r) => r.outsideFmvBand || r.nearMinimum || r.nearCap).length}
              </Text>
            </div>
          </Group>
        </Paper>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Chart title={`Fees and treatments, last ${TREND_MONTHS} months (${currency})`} label={`Fees in ${currency} and treatments by month, ${monthLabel(trendMonths[0]!)} to ${monthLabel(trendMonths[TREND_MONTHS - 1]!)}`}>
            <CompositeChart
              h={260}
              data={charts.trend}
              dataKey="month"
              withLegend
              withRightYAxis
              valueFormatter={(v) => v.toLocaleString('en-US')}
              series={[
                { name: 'Fees', color: 'indigo.6', type: 'bar' },
                { name: 'Treatments', color: 'teal.7', type: 'line', yAxisId: 'right' },
              ]}
            />
          </Chart>
          <Chart title={`Top ${TOP_CLIENTS} clients by fee, ${periodName}`} label={`Fees by client in ${currency}, ${periodName}`}>
            <BarChart h={260} data={charts.byClient} dataKey="client" orientation="vertical" yAxisProps={{ width: 160 }} valueFormatter={moneyAxis} series={[{ name: 'Fees', color: 'indigo.6' }]} />
          </Chart>
          <Chart title={`Fees and volume by service line, ${periodName}`} label={`Fees by therapy class in ${currency} and treatments by therapy class, ${periodName}`}>
            <SimpleGrid cols={2}>
              <BarChart h={220} data={charts.byClass} dataKey="line" valueFormatter={moneyAxis} series={[{ name: 'Fees', color: 'indigo.6' }]} />
              <BarChart h={220} data={charts.volumeByClass} dataKey="line" series={[{ name: 'Treatments', color: 'teal.7' }]} />
            </SimpleGrid>
          </Chart>
          <Chart title={`Volume and fees by site, ${periodName}`} label={`Treatments by site (top ${TOP_CLIENTS}) and fees priced per site in ${currency}, ${periodName}; lines the contract prices as a whole under contract-wide`}>
            <SimpleGrid cols={2}>
              <BarChart h={260} data={charts.volumeBySite} dataKey="site" orientation="vertical" yAxisProps={{ width: 120 }} series={[{ name: 'Treatments', color: 'teal.7' }]} />
              <BarChart h={260} data={charts.bySite} dataKey="site" orientation="vertical" yAxisProps={{ width: 120 }} valueFormatter={moneyAxis} series={[{ name: 'Fees', color: 'grape.6' }]} />
            </SimpleGrid>
          </Chart>
        </SimpleGrid>
      </QueryState>
      <Title order={3}>Fees by client and contract, {periodName}</Title>
      <DataTable label="Fees by client" columns={reportColumns} rows={periodRows} rowKey={(r) => `${r.contract.id}:${r.month}`} fetching={fetching} error={error} emptyText="No fee in this period." />
      {periodRows.length > 0 && (
        <Text size="sm" data-testid="fee-table-total">
          Total: {totals.treatments.toLocaleString('en-US')} treatments, fees {totals.fee.map(money).join(' + ')}, collections {totals.collections.map(money).join(' + ')}
        </Text>
      )}
      <Title order={3}>Contracts near their minimum or cap, {periodName}</Title>
      <Text size="sm" c="dimmed">
        A fee at its monthly minimum or within 10% above it, or at its cap or within 10% below it.
      </Text>
      <DataTable label="Contracts near minimum or cap" columns={nearColumns} rows={near} rowKey={(r) => `${r.contract.id}:${r.month}`} fetching={fetching} error={error} emptyText="No contract is near its minimum or cap." />
    </Stack>
  );
}
