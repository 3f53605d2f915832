import { Group, NavLink } from '@mantine/core';
import { Link, useLocation, useSearchParams } from 'react-router';
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

/**
 * The page's filters, kept in the address so a filtered view can be linked to (the overview's
 * attention items do): the current values, and a setter for one (null removes it).
 */
export function useFilterParams(): [URLSearchParams, (key: string, value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const update = (key: string, value: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  return [params, update];
}
