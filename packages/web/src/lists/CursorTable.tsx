import { Alert, Group, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message.ts';
import { LoadMore } from './LoadMore.tsx';
import { RowsTable } from './RowsTable.tsx';
import type { CursorList } from './use-cursor-list.ts';

/** A filterable cursor list as a table: the filters, the API's error, a loader until the first page, and "load more". */
export function CursorTable<Item>({
  list,
  filters,
  columns,
  none,
  row,
  minWidth = 720,
}: {
  list: CursorList<Item>;
  filters: ReactNode;
  /** The column headings; an empty list shows `none` across all of them. */
  columns: string[];
  none: string;
  /** One keyed `Table.Tr` with a cell per column (or a keyed fragment of such rows). */
  row: (item: Item) => ReactNode;
  /** Below this width the table scrolls sideways. */
  minWidth?: number;
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
        <RowsTable columns={columns} none={none} items={list.rows} row={row} minWidth={minWidth} highlightOnHover />
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
