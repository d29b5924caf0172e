import type { ReactNode } from 'react';
import { Empty, ErrorNote, LoadMore, Loading } from './feedback';

interface PagedQuery<T> {
  isPending: boolean;
  error: unknown;
  items: T[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Every paged list's states in one place: loading, what went wrong, the empty state, the rows, and "Load more". */
export function PagedList<T>({ list, what, empty, children }: { list: PagedQuery<T>; what: string; empty: { title: string; hint?: ReactNode }; children: (items: T[]) => ReactNode }) {
  const body = list.isPending ? (
    <Loading what={what} />
  ) : list.error ? (
    <ErrorNote error={list.error} title={`${what.charAt(0).toUpperCase()}${what.slice(1)} could not load`} />
  ) : list.items.length === 0 ? (
    <Empty title={empty.title}>{empty.hint}</Empty>
  ) : (
    children(list.items)
  );
  return (
    <>
      {body}
      <LoadMore {...list} />
    </>
  );
}
