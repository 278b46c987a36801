import { Anchor, Badge, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useFormat } from '../i18n/use-format.ts';
import { LoadMore } from '../lists/LoadMore.tsx';
import { QueryState } from '../partner/QueryState.tsx';
import { importPath, uploadsApi } from './uploads-api.ts';
import { useDistributorT } from './use-distributor-t.ts';

/** The distributor's uploads, newest first, each with its figures and error file. */
export function UploadHistory() {
  const { td } = useDistributorT();
  const format = useFormat();
  const history = useInfiniteQuery({
    queryKey: ['sellout-history'],
    queryFn: ({ pageParam, signal }) =>
      uploadsApi.history({ limit: 50, ...(pageParam === undefined ? {} : { cursor: pageParam }) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  const count = (value: number | null) => format.decimal(String(value ?? 0));
  return (
    <Stack>
      <Title order={2} size="h3" id="upload-history">
        {td('history.title')}
      </Title>
      <QueryState isPending={history.isPending} error={history.error}>
        {() =>
          items.length === 0 ? (
            <Text>{td('history.empty')}</Text>
          ) : (
            <>
              <Table.ScrollContainer
                minWidth={720}
                type="native"
                tabIndex={0}
                style={{ overflowX: 'auto', position: 'relative' }}
              >
                <Table striped aria-labelledby="upload-history">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{td('history.started')}</Table.Th>
                      <Table.Th>{td('history.file')}</Table.Th>
                      <Table.Th>{td('result.linesRead')}</Table.Th>
                      <Table.Th>{td('result.imported')}</Table.Th>
                      <Table.Th>{td('result.quarantined')}</Table.Th>
                      <Table.Th>{td('result.errors')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => (
                      <Table.Tr key={item.import_id}>
                        <Table.Td>{format.dateTime(item.started_at)}</Table.Td>
                        <Table.Td dir="ltr">
                          {item.kind === 'quarantine_release' ? (
                            <Badge variant="light">{td('history.release')}</Badge>
                          ) : (
                            item.file_name
                          )}
                        </Table.Td>
                        <Table.Td>{count(item.lines_read)}</Table.Td>
                        <Table.Td>{count(item.imported)}</Table.Td>
                        <Table.Td>{count(item.quarantined)}</Table.Td>
                        <Table.Td>
                          {(item.errors ?? 0) > 0 ? (
                            <Anchor href={`${importPath(item.import_id)}/errors.csv`} download>
                              {count(item.errors)}{' '}
                              <VisuallyHidden>
                                {td('history.downloadFor', { file: item.file_name ?? '' })}
                              </VisuallyHidden>
                            </Anchor>
                          ) : (
                            count(item.errors)
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore
                shown={items.length}
                hasMore={history.hasNextPage}
                loading={history.isFetchingNextPage}
                onLoad={() => void history.fetchNextPage()}
              />
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
