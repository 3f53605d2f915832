import { Group, NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { graphql } from '../../gql';

/** The sites the caller may see, with the time zone that decides each one's today. */
export const InventorySites = graphql(`
  query InventorySites { sites(first: 100) { edges { node { id name timeZone client { name } } } } }
`);

export const siteLabel = (s: { name: string; client: { name: string } }) => `${s.client.name} — ${s.name}`;

/** Stock and lots, the two inventory pages, side by side. */
export function InventoryTabs() {
  const { pathname } = useLocation();
  return (
    <Group gap="xs" component="nav" aria-label="Inventory">
      <NavLink component={Link} to="/inventory" label="Stock by site" active={pathname === '/inventory'} w="auto" />
      <NavLink component={Link} to="/inventory/lots" label="Lots and expiry" active={pathname.startsWith('/inventory/lots')} w="auto" />
    </Group>
  );
}
