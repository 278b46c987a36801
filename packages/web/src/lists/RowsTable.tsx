import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A striped table with a heading per column, `none` across all columns when there are no items,
 * and one row per item, in a container that scrolls sideways on narrow screens.
 */
export function RowsTable<Item>({
  columns,
  none,
  items,
  row,
  minWidth,
  focusable = false,
  highlightOnHover = false,
  testId,
}: {
  columns: string[];
  none: string;
  items: readonly Item[];
  /** One keyed `Table.Tr` with a cell per column (or a keyed fragment of such rows). */
  row: (item: Item) => ReactNode;
  minWidth: number;
  /** The scroll container takes keyboard focus, so the table can be scrolled without a mouse. */
  focusable?: boolean;
  highlightOnHover?: boolean;
  testId?: string;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} {...(focusable ? { type: 'native', tabIndex: 0 } : {})}>
      <Table striped highlightOnHover={highlightOnHover} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{none}</Table.Td>
            </Table.Tr>
          )}
          {items.map((item) => row(item))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
