import { Anchor, Badge, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { LoadMore } from '../lists/LoadMore.tsx';
import { QueryState } from '../partner/QueryState.tsx';
import { importPath, type SellOutImport, uploadsApi } from './uploads-api.ts';
import { useDistributorT } from './use-distributor-t.ts';

/**
 * The distributor's uploads, newest first: finished ones with their figures and error file, and
 * the ones waiting, importing or refused with their state (the file name opens the details).
 */
export function UploadHistory() {
  const { td } = useDistributorT();
  const format = useFormat();
  const history = useInfiniteQuery({
    queryKey: ['sellout-history'],
    queryFn: ({ pageParam, signal }) =>
      uploadsApi.history({ limit: 50, ...(pageParam === undefined ? {} : { cursor: pageParam }) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    // Uploads on their way change state on their own: look again while one is.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((item) => item.status === 'running')) ? 5000 : false,
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
                            <Anchor component={Link} to={`/uploads?import=${item.import_id}`}>
                              {item.file_name}
                            </Anchor>
                          )}
                        </Table.Td>
                        <Table.Td>{count(item.lines_read)}</Table.Td>
                        {item.status === 'finished' ? (
                          <>
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
                          </>
                        ) : (
                          <Table.Td colSpan={3}>
                            <UploadState upload={item} />
                          </Table.Td>
                        )}
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

/** An upload without figures yet: waiting for the import to start, importing, or refused. */
function UploadState({ upload }: { upload: SellOutImport }) {
  const { td } = useDistributorT();
  if (upload.status === 'failed') {
    return (
      <Badge color="red" variant="light">
        {td('history.state.failed')}
      </Badge>
    );
  }
  return (
    <Badge color="blue" variant="light">
      {upload.phase === 'queued' ? td('history.state.queued') : td('history.state.running')}
    </Badge>
  );
}
