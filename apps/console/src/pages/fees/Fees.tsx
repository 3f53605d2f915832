import { Group, NavLink as MantineNavLink, Select, Stack, Title } from '@mantine/core';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { FeeReportPage } from './FeeReport';
import { InvoiceDetailPage } from './InvoiceDetail';
import { InvoicesPage } from './Invoices';
import { WhatIfPage } from './WhatIf';

const FeeClients = graphql(`
  query FeeClients { clients(first: 500) { edges { node { id name } } } }
`);

/** The clients the caller sees, for the fee pages' client filters. */
export function useFeeClients(): { value: string; label: string }[] {
  const [{ data }] = useQuery({ query: FeeClients });
  return (data?.clients.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name })).sort((a, b) => a.label.localeCompare(b.label));
}

/** A client filter: every client when cleared. */
export function ClientFilter({ value, onChange }: { value: string | null; onChange: (clientId: string | null) => void }) {
  const clients = useFeeClients();
  return <Select label="Client" placeholder="All clients" w={300} searchable clearable data={clients} value={value} onChange={onChange} />;
}

const SECTIONS = [
  { to: '/fees', label: 'Fee report' },
  { to: '/fees/what-if', label: 'What-if' },
  { to: '/fees/invoices', label: 'Invoices' },
] as const;

/** Finance's pages: the fee report, a what-if of a schedule change, and the invoices. */
export function FeesPages() {
  const location = useLocation();
  return (
    <Stack>
      <Title order={2}>Fees</Title>
      <Group gap="xs" component="nav" aria-label="Fee pages">
        {SECTIONS.map((s) => (
          <MantineNavLink
            key={s.to}
            component={Link}
            to={s.to}
            label={s.label}
            w="auto"
            variant="light"
            active={s.to === '/fees' ? location.pathname === '/fees' || location.pathname === '/fees/' : location.pathname.startsWith(s.to)}
          />
        ))}
      </Group>
      <Routes>
        <Route index element={<FeeReportPage />} />
        <Route path="what-if" element={<WhatIfPage />} />
        <Route path="invoices" element={<InvoicesPage />} />
        <Route path="invoices/:invoiceId" element={<InvoiceDetailPage />} />
        <Route path="*" element={<Navigate to="/fees" replace />} />
      </Routes>
    </Stack>
  );
}
