import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Group, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { SiteStockQuery } from '../../gql/graphql';
import { dateInZone } from '../dates';
import { lotsLink } from './links';
import { InventorySites, InventoryTabs, siteLabel, useFilterParams } from './shared';

const SiteStock = graphql(`
  query SiteStock($siteId: ID!, $on: LocalDate!) {
    site(id: $siteId) {
      id
      name
      stock(on: $on) {
        belowPar quantityOnHand quantityExpired reorderQuantity
        parLevel { id minimum target }
        product { id name ndc kind hcpcsCode }
      }
    }
  }
`);

type StockRow = SiteStockQuery['site']['stock'][number];

function StockStatus({ row }: { row: StockRow }) {
  if (row.belowPar) return <Badge color="red" variant="filled" data-status="below-par">below par</Badge>;
  if (!row.parLevel) return <Badge color="gray" variant="light" data-status="no-par">no par level</Badge>;
  return <Badge color="teal" variant="light" data-status="at-par">at or above par</Badge>;
}

/** Stock on hand per product at one site against its par level; below par highlighted. */
export function InventoryStockPage() {
  const [params, update] = useFilterParams();
  const [{ data: sites, fetching: sitesFetching, error: sitesError }] = useQuery({ query: InventorySites });
  const siteList = sites?.sites.edges.map((e) => e.node) ?? [];
  const site = siteList.find((s) => s.id === params.get('site')) ?? siteList[0] ?? null;
  const belowParOnly = params.get('belowPar') === '1';
  // The site's own today decides which lots count as expired.
  const on = site ? dateInZone(site.timeZone) : '';
  const [stock] = useQuery({ query: SiteStock, variables: { siteId: site?.id ?? '', on }, pause: !site });
  const all = stock.data?.site.stock ?? [];
  const rows = belowParOnly ? all.filter((s) => s.belowPar) : all;

  const columns: Column<StockRow>[] = [
    { key: 'product', header: 'Product', value: (s) => s.product.name, render: (s) => <Anchor component={Link} to={lotsLink({ siteId: site?.id, productId: s.product.id })}>{s.product.name}</Anchor> },
    { key: 'ndc', header: 'NDC', value: (s) => s.product.ndc },
    { key: 'kind', header: 'Kind', value: (s) => s.product.kind.toLowerCase() },
    { key: 'onHand', header: 'On hand', value: (s) => s.quantityOnHand },
    { key: 'expired', header: 'Expired on shelf', value: (s) => s.quantityExpired, render: (s) => (s.quantityExpired > 0 ? <Badge color="red" variant="light">{s.quantityExpired}</Badge> : 0) },
    { key: 'minimum', header: 'Par minimum', value: (s) => s.parLevel?.minimum },
    { key: 'target', header: 'Par target', value: (s) => s.parLevel?.target },
    { key: 'reorder', header: 'To order', value: (s) => s.reorderQuantity },
    { key: 'status', header: 'Status', value: (s) => (s.belowPar ? 'below par' : s.parLevel ? 'at or above par' : 'no par level'), render: (s) => <StockStatus row={s} /> },
  ];
  const chart = all
    .filter((s) => s.parLevel)
    .map((s) => ({ product: s.product.name, 'On hand': s.quantityOnHand, 'Par minimum': s.parLevel!.minimum, 'Par target': s.parLevel!.target }));
  const belowCount = all.filter((s) => s.belowPar).length;

  return (
    <Stack>
      <Title order={2}>Inventory</Title>
      <InventoryTabs />
      <QueryState fetching={sitesFetching} error={sitesError} empty={siteList.length === 0} emptyText="No site yet.">
        <Group align="end">
          <Select
            label="Site"
            w={360}
            searchable
            allowDeselect={false}
            data={siteList.map((s) => ({ value: s.id, label: siteLabel(s) }))}
            value={site?.id ?? null}
            onChange={(v) => update('site', v)}
          />
          <Switch label="Below par only" checked={belowParOnly} onChange={(e) => update('belowPar', e.currentTarget.checked ? '1' : null)} mb={6} />
          {site && <Text size="sm" c="dimmed" mb={6} data-testid="stock-date">Stock as on {on} ({site.timeZone})</Text>}
        </Group>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={3}>Stock against par</Title>
            {stock.data && <Badge color={belowCount ? 'red' : 'teal'} variant="light">{belowCount ? `${belowCount} product(s) below par` : 'all at or above par'}</Badge>}
          </Group>
          <QueryState fetching={stock.fetching} error={stock.error} empty={chart.length === 0} emptyText="No product at this site keeps a par level.">
            {/* One image to assistive technology; the same numbers are in the table below. */}
            <div role="img" aria-label={`Packages on hand against par minimum and target, per product at ${site?.name ?? 'the site'}`}>
              <BarChart
                h={Math.max(220, chart.length * 44)}
                data={chart}
                dataKey="product"
                orientation="vertical"
                yAxisProps={{ width: 220 }}
                withLegend
                series={[
                  { name: 'On hand', color: 'indigo.6' },
                  { name: 'Par minimum', color: 'red.6' },
                  { name: 'Par target', color: 'teal.6' },
                ]}
              />
            </div>
          </QueryState>
        </Paper>
        <Title order={3}>Products at the site</Title>
        <DataTable
          label="Stock by product"
          columns={columns}
          rows={rows}
          rowKey={(s) => s.product.id}
          fetching={stock.fetching}
          error={stock.error}
          emptyText={belowParOnly ? 'No product is below par at this site.' : 'No stock and no par level at this site.'}
        />
      </QueryState>
    </Stack>
  );
}
