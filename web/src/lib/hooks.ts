import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { callOp, fetchSession, type OpName, type Role, type Session } from './api';
import type { Outputs } from '../generated/outputs';

export const sessionKey: QueryKey = ['session'];

export function useSession() {
  return useQuery<Session | null>({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

export type BusinessSettings = Outputs['get_business_settings']['business'];

export interface Business {
  id: string;
  name: string;
  role: Role;
  userId: string;
  currency: string;
  timeZone: string;
  settings: BusinessSettings;
}

export function useBusinessId(): string {
  const { businessId } = useParams();
  if (!businessId) throw new Error('no business in this route');
  return businessId;
}

/** The business of the route with its settings; the shell renders children only once it is loaded. */
export function useBusinessQuery(businessId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['biz', businessId, 'get_business_settings', {}],
    queryFn: () => callOp(businessId, 'get_business_settings'),
    staleTime: 5 * 60_000,
  });
}

export function useBusiness(): Business {
  const businessId = useBusinessId();
  const session = useSession().data;
  const settings = useBusinessQuery(businessId).data?.business;
  const membership = session?.businesses.find((b) => b.id === businessId);
  if (!session || !membership || !settings) throw new Error('useBusiness outside a loaded business');
  return {
    id: businessId,
    name: settings.name,
    role: membership.role,
    userId: session.user.id,
    currency: settings.currency,
    timeZone: settings.time_zone,
    settings,
  };
}

/** One read operation of the current business. */
export function useOp<N extends OpName>(operation: N, input: object = {}, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  const businessId = useBusinessId();
  return useQuery<Outputs[N]>({
    queryKey: ['biz', businessId, operation, input],
    queryFn: () => callOp(businessId, operation, input),
    ...options,
  });
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
/** The operations that answer a page: items and the cursor of the next. */
type PagedOp = { [N in OpName]: Outputs[N] extends Page<unknown> ? N : never }[OpName];
/** One row of a paged operation's answer. */
export type PageItem<N extends PagedOp> = Outputs[N] extends Page<infer T> ? T : never;

/** A paginated read: pages follow next_cursor, "Load more" fetches the next. */
export function useOpPages<N extends PagedOp>(operation: N, input: object = {}, options: { enabled?: boolean } = {}) {
  const businessId = useBusinessId();
  const query = useInfiniteQuery({
    queryKey: ['biz', businessId, operation, input, 'pages'],
    queryFn: ({ pageParam }) => callOp(businessId, operation, pageParam ? { ...input, cursor: pageParam } : input),
    initialPageParam: '' as string,
    getNextPageParam: (last: Outputs[N]) => last.next_cursor ?? undefined,
    ...options,
  });
  const items = (query.data?.pages ?? []).flatMap((p) => (p as Page<PageItem<N>>).items);
  return { ...query, items, firstPage: query.data?.pages[0] };
}

/** A write: afterwards every read of the business is refetched (cheap, and never stale). */
export function useOpMutation<N extends OpName, I extends object = Record<string, unknown>>(operation: N, options: { onSuccess?: (result: Outputs[N], input: I) => void } = {}) {
  const businessId = useBusinessId();
  const client = useQueryClient();
  return useMutation<Outputs[N], Error, I>({
    mutationFn: (input) => callOp(businessId, operation, input),
    onSuccess: async (result, input) => {
      await client.invalidateQueries({ queryKey: ['biz', businessId] });
      options.onSuccess?.(result, input);
    },
  });
}
