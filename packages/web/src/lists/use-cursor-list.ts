import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from '../api/types.ts';

/** A list read from the API a page at a time over its cursor, as a `CursorTable` shows it. */
export interface CursorList<Item> {
  /** Every row of the pages read so far. */
  rows: Item[];
  isPending: boolean;
  error: Error | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}

/**
 * The pages of `fetchPage` for `query`, cached under `[name, query]`. While the pages of a changed
 * filter load, the previous rows stay, so the table does not blank out on every keystroke.
 */
export function useCursorList<Query extends object, Item>(
  name: string,
  query: Query,
  fetchPage: (query: Query & { cursor: string | undefined }, signal: AbortSignal) => Promise<Page<Item>>,
): CursorList<Item> {
  return useCursorPages([name, query], (cursor, signal) => fetchPage({ ...query, cursor }, signal));
}

/** The pages `fetchPage` gives cursor after cursor, cached under `queryKey`; the previous rows stay while a new key loads. */
export function useCursorPages<Item>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<Item>>,
): CursorList<Item> {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  return {
    rows: list.data?.pages.flatMap((page) => page.items) ?? [],
    isPending: list.isPending,
    error: list.error,
    hasNextPage: list.hasNextPage,
    isFetchingNextPage: list.isFetchingNextPage,
    fetchNextPage: () => void list.fetchNextPage(),
  };
}
