import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { type Column, DataTable } from '../../components/DataTable';
import { usePagedConnection } from '../../components/paging';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import type { LotMovementsQuery } from '../../gql/graphql';
import { addDays, dateInZone, formatDateTime } from '../dates';
import { lotsLink, stockLink } from './links';
import { ExpiryStatus, SOON_DAYS } from './LotsPage';
import { InventoryTabs } from './shared';
import { enumWords } from '../../components/format';

const LotDetail = graphql(`
  query LotDetail($id: ID!) {
    lot(id: $id) {
      id lotNumber expiresOn receivedOn quantityOnHand quantityReceived acquisition patientId
      unitCost { amount currency }
      product { id name ndc genericName storage container }
      site { id name timeZone }
    }
  }
`);

const LotExpiry = graphql(`
  query LotExpiry($id: ID!, $today: LocalDate!, $soon: LocalDate!) {
    lot(id: $id) { id expiredToday: expired(on: $today) expiringSoon: expired(on: $soon) }
  }
`);

const LotMovements = graphql(`
  query LotMovements($lotId: ID!, $first: Int!, $after: String) {
    stockMovements(lotId: $lotId, first: $first, after: $after) {
      edges { node { id kind quantity occurredAt note administrationId } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type MovementRow = LotMovementsQuery['stockMovements']['edges'][number]['node'];

const KIND_COLOURS: Record<string, string> = { RECEIPT: 'teal', DISPENSE: 'indigo', WASTE: 'red', ADJUSTMENT: 'orange', TRANSFER: 'grape' };

const movementColumns: Column<MovementRow>[] = [
  { key: 'when', header: 'When', value: (m) => m.occurredAt, render: (m) => formatDateTime(m.occurredAt) },
  { key: 'kind', header: 'Kind', value: (m) => m.kind, render: (m) => <Badge color={KIND_COLOURS[m.kind] ?? 'gray'} variant="light">{m.kind.toLowerCase()}</Badge> },
  { key: 'quantity', header: 'Packages', value: (m) => m.quantity, render: (m) => (m.quantity > 0 ? `+${m.quantity}` : String(m.quantity)) },
  { key: 'administration', header: 'Administration', value: (m) => m.administrationId },
  { key: 'note', header: 'Note', value: (m) => m.note },
];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={600}>{children}</Text>
    </Card>
  );
}

function Movements({ lotId }: { lotId: string }) {
  const { rows, fetching, error, paging } = usePagedConnection(LotMovements, { lotId }, (d) => d.stockMovements);
  return <DataTable label="Stock movements" columns={movementColumns} rows={rows} rowKey={(m) => m.id} fetching={fetching} error={error} paging={paging} emptyText="No movement on this lot yet." />;
}

/** One lot: what it is, where, its expiry, and its stock ledger (receipts, dispenses, waste, adjustments). */
export function InventoryLotPage() {
  const { lotId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: LotDetail, variables: { id: lotId } });
  const lot = data?.lot;
  const today = lot ? dateInZone(lot.site.timeZone) : '';
  const [expiry] = useQuery({ query: LotExpiry, variables: { id: lotId, today, soon: addDays(today || '2000-01-01', SOON_DAYS) }, pause: !lot });
  return (
    <Stack>
      <Title order={2}>{lot ? `Lot ${lot.lotNumber}` : 'Lot'}</Title>
      <InventoryTabs />
      <QueryState fetching={fetching} error={error} empty={!lot} emptyText="No such lot.">
        {lot && (
          <>
            <Group gap="xs">
              <Anchor component={Link} to={stockLink(lot.site.id)}>{lot.site.name}</Anchor>
              <Text c="dimmed">·</Text>
              <Anchor component={Link} to={lotsLink({ siteId: lot.site.id, productId: lot.product.id })}>All lots of {lot.product.name} at this site</Anchor>
              {expiry.data && <ExpiryStatus expired={expiry.data.lot.expiredToday} soon={expiry.data.lot.expiringSoon} />}
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Fact label="Product">{lot.product.name}</Fact>
              <Fact label="NDC">{lot.product.ndc}</Fact>
              <Fact label="Expires on">{lot.expiresOn}</Fact>
              <Fact label="Received on">{lot.receivedOn}</Fact>
              <Fact label="On hand (packages)">{lot.quantityOnHand}</Fact>
              <Fact label="Received (packages)">{lot.quantityReceived}</Fact>
              <Fact label="Unit cost">{`${lot.unitCost.amount} ${lot.unitCost.currency}`}</Fact>
              <Fact label="Acquisition">{enumWords(lot.acquisition)}</Fact>
              <Fact label="Storage">{enumWords(lot.product.storage)}</Fact>
              <Fact label="Container">{enumWords(lot.product.container)}</Fact>
              {lot.patientId && <Fact label="Shipped for patient">{lot.patientId}</Fact>}
            </SimpleGrid>
            <Title order={3}>Stock movements</Title>
            <Text size="sm" c="dimmed">Oldest first: receipts in, dispenses for administrations, waste and adjustments out (packages).</Text>
            <Movements lotId={lot.id} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
