import { Anchor, Badge, Group, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { usePagedConnection } from '../../components/paging';
import { ProblemAlert } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { InventoryLotsQuery } from '../../gql/graphql';
import { addDays, dateInZone, isoDate } from '../dates';
import { lotLink } from './links';
import { InventorySites, InventoryTabs, siteLabel, useFilterParams } from './shared';
import { enumWords } from '../../components/format';

/** Days ahead within which a lot counts as expiring soon (highlighted). */
export const SOON_DAYS = 30;
const WINDOWS = [30, 60, 90, 180];

const InventoryProducts = graphql(`
  query InventoryProducts { products(first: 500) { edges { node { id name ndc } } } }
`);

// The flags come from the graph (Lot.expired on a day): expired today, and expired SOON_DAYS from now.
const InventoryLots = graphql(`
  query InventoryLots($first: Int!, $after: String, $siteId: ID, $productId: ID, $inStockOnly: Boolean!, $expiringBy: LocalDate, $today: LocalDate!, $soon: LocalDate!) {
    lots(first: $first, after: $after, siteId: $siteId, productId: $productId, inStockOnly: $inStockOnly, expiringBy: $expiringBy) {
      edges {
        node {
          id lotNumber expiresOn receivedOn quantityOnHand quantityReceived acquisition
          expiredToday: expired(on: $today)
          expiringSoon: expired(on: $soon)
          product { id name }
          site { id name }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type LotRow = InventoryLotsQuery['lots']['edges'][number]['node'];

export function ExpiryStatus({ expired, soon }: { expired: boolean; soon: boolean }) {
  if (expired) return <Badge color="red" variant="filled" data-status="expired">expired</Badge>;
  if (soon) return <Badge color="yellow.4" autoContrast variant="filled" miw="max-content" data-status="expiring-soon">expiring soon</Badge>;
  return <Badge color="gray" variant="light" data-status="in-date">in date</Badge>;
}

const columns: Column<LotRow>[] = [
  { key: 'lot', header: 'Lot', value: (l) => l.lotNumber, render: (l) => <Anchor component={Link} to={lotLink(l.id)}>{l.lotNumber}</Anchor> },
  { key: 'product', header: 'Product', value: (l) => l.product.name },
  { key: 'site', header: 'Site', value: (l) => l.site.name },
  { key: 'expires', header: 'Expires on', value: (l) => l.expiresOn },
  { key: 'status', header: 'Expiry', value: (l) => (l.expiredToday ? 'expired' : l.expiringSoon ? 'expiring soon' : 'in date'), render: (l) => <ExpiryStatus expired={l.expiredToday} soon={l.expiringSoon} /> },
  { key: 'onHand', header: 'On hand', value: (l) => l.quantityOnHand },
  { key: 'received', header: 'Received', value: (l) => l.quantityReceived },
  { key: 'receivedOn', header: 'Received on', value: (l) => l.receivedOn },
  { key: 'acquisition', header: 'Acquisition', value: (l) => enumWords(l.acquisition) },
];

interface LotQuery {
  siteId: string | null;
  productId: string | null;
  inStockOnly: boolean;
  expiringBy: string | null;
  today: string;
  soon: string;
}

/** The lots table on server cursors; remounted when the filters change, so paging starts again. */
function LotsTable(variables: LotQuery) {
  const { rows, fetching, error, paging } = usePagedConnection(InventoryLots, variables, (d) => d.lots);
  return <DataTable label="Lots" columns={columns} rows={rows} rowKey={(l) => l.id} fetching={fetching} error={error} paging={paging} emptyText="No lot matches these filters." />;
}

/** Lots first to expire first, filtered by site, product and expiry window; expired and expiring soon highlighted. */
export function InventoryLotsPage() {
  const [params, update] = useFilterParams();
  const [sites] = useQuery({ query: InventorySites });
  const [products] = useQuery({ query: InventoryProducts });
  const siteList = sites.data?.sites.edges.map((e) => e.node) ?? [];
  const siteId = params.get('site');
  const productId = params.get('product');
  const within = params.get('within');
  const withinDays = within !== null && /^\d{1,4}$/.test(within) ? Number(within) : null;
  const inStockOnly = params.get('all') !== '1';
  const site = siteList.find((s) => s.id === siteId);
  // One site: its own today. All sites: the browser's (each lot's site may be a day apart).
  const today = site ? dateInZone(site.timeZone) : isoDate(0);
  const variables: LotQuery = {
    siteId,
    productId,
    inStockOnly,
    expiringBy: withinDays === null ? null : addDays(today, withinDays),
    today,
    soon: addDays(today, SOON_DAYS),
  };
  const waitingForSite = Boolean(siteId) && sites.fetching;
  return (
    <Stack>
      <Title order={2}>Inventory</Title>
      <InventoryTabs />
      {[sites.error, products.error].map((error, i) => error && <ProblemAlert key={['sites', 'products'][i]} error={error} />)}
      <Group align="end">
        <Select label="Site" placeholder="All sites" w={320} searchable clearable data={siteList.map((s) => ({ value: s.id, label: siteLabel(s) }))} value={siteId} onChange={(v) => update('site', v)} />
        <Select
          label="Product"
          placeholder="All products"
          w={320}
          searchable
          clearable
          data={(products.data?.products.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.name} (${e.node.ndc})` }))}
          value={productId}
          onChange={(v) => update('product', v)}
        />
        <Select
          label="Expiring within"
          placeholder="Any expiry"
          w={180}
          clearable
          data={[...new Set([...WINDOWS, ...(withinDays === null ? [] : [withinDays])])].sort((a, b) => a - b).map((d) => ({ value: String(d), label: `${d} days` }))}
          value={withinDays === null ? null : String(withinDays)}
          onChange={(v) => update('within', v)}
        />
        <Switch label="Only lots with stock" checked={inStockOnly} onChange={(e) => update('all', e.currentTarget.checked ? null : '1')} mb={6} />
      </Group>
      <Text size="sm" c="dimmed" data-testid="lots-dates">
        As on {today}{site ? ` (${site.timeZone})` : ''}; expiring soon: before {variables.soon}.
      </Text>
      {!waitingForSite && <LotsTable key={JSON.stringify(variables)} {...variables} />}
    </Stack>
  );
}
