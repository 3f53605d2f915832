import { Button, Group, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import type { CombinedError } from 'urql';
import { downloadCsv, toCsv } from './csv';
import { QueryState } from './QueryState';

export interface Column<T> {
  key: string;
  header: string;
  /** The cell's value: what sorting, filtering and CSV use. */
  value: (row: T) => string | number | null | undefined;
  /** How the cell looks, when not just its value. */
  render?: (row: T) => ReactNode;
  sortable?: boolean;
}

export interface Paging {
  page: number;
  hasNext: boolean;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
  /** Every row of every page, for the CSV export. */
  fetchAll(): Promise<unknown[]>;
}

interface DataTableProps<T> {
  /** Names the table for screen readers and the CSV file. */
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  fetching?: boolean;
  error?: CombinedError;
  emptyText?: string;
  /** Server-cursor paging (see usePagedConnection); without it the rows are all there is. */
  paging?: Paging;
}

/**
 * The console's one table: sortable headers (buttons, so Tab and Enter work), a filter over the
 * rows shown, server-cursor pages, and a CSV export of every page.
 */
export function DataTable<T>({ label, columns, rows, rowKey, fetching = false, error, emptyText, paging }: DataTableProps<T>) {
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(null);
  const [filter, setFilter] = useState('');
  const [exporting, setExporting] = useState(false);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const filtered = needle ? rows.filter((row) => columns.some((c) => String(c.value(row) ?? '').toLowerCase().includes(needle))) : rows;
    if (!sort) return filtered;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return filtered;
    const sign = sort.descending ? -1 : 1;
    return [...filtered].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true })) * sign;
    });
  }, [rows, columns, sort, filter]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const all = paging ? ((await paging.fetchAll()) as T[]) : rows;
      const csv = toCsv(
        columns.map((c) => c.header),
        all.map((row) => columns.map((c) => c.value(row))),
      );
      downloadCsv(`${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`, csv);
    } finally {
      setExporting(false);
    }
  };

  const toggleSort = (key: string) => setSort((s) => (s?.key === key ? (s.descending ? null : { key, descending: true }) : { key, descending: false }));

  return (
    <div>
      <Group justify="space-between" mb="xs">
        <TextInput aria-label={`Filter ${label}`} placeholder="Filter rows shown" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} size="xs" w={260} />
        <Button variant="default" size="xs" onClick={exportCsv} loading={exporting} disabled={rows.length === 0}>
          Export CSV
        </Button>
      </Group>
      <QueryState fetching={fetching} error={error} empty={rows.length === 0} emptyText={emptyText}>
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => {
                  const sorted = sort?.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none';
                  return (
                    <Table.Th key={c.key} aria-sort={sorted}>
                      {c.sortable === false ? (
                        c.header
                      ) : (
                        <UnstyledButton onClick={() => toggleSort(c.key)} fw={600} fz="sm">
                          {c.header}
                          {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                          <VisuallyHidden>, sort</VisuallyHidden>
                        </UnstyledButton>
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.key}>{c.render ? c.render(row) : (c.value(row) ?? '—')}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {shown.length === 0 && <Text c="dimmed" p="sm">No row matches the filter.</Text>}
      </QueryState>
      {paging && (paging.hasNext || paging.hasPrevious) && (
        <Group justify="flex-end" mt="xs" gap="xs">
          <Button variant="default" size="xs" onClick={paging.previous} disabled={!paging.hasPrevious}>
            Previous page
          </Button>
          <Text size="sm">Page {paging.page}</Text>
          <Button variant="default" size="xs" onClick={paging.next} disabled={!paging.hasNext}>
            Next page
          </Button>
        </Group>
      )}
    </div>
  );
}
