import { Alert, Group, Loader, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message.ts';
import { LoadMore } from './LoadMore.tsx';
import type { CursorList } from './use-cursor-list.ts';

/** A filterable cursor list as a table: the filters, the API's error, a loader until the first page, and "load more". */
export function CursorTable<Item>({
  list,
  filters,
  columns,
  none,
  row,
}: {
  list: CursorList<Item>;
  filters: ReactNode;
  /** The column headings; an empty list shows `none` across all of them. */
  columns: string[];
  none: string;
  /** One keyed `Table.Tr` with a cell per column. */
  row: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group align="flex-end" mb="md">
        {filters}
      </Group>
      {list.error && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {errorMessage(t, list.error)}
        </Alert>
      )}
      {list.isPending ? (
        <Loader aria-label={t('status.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={columns.length}>{none}</Table.Td>
                </Table.Tr>
              )}
              {list.rows.map((item) => row(item))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        shown={list.rows.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={list.fetchNextPage}
      />
    </>
  );
}
