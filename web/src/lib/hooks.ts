import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { callOp, fetchSession, type Role, type Session } from './api';

export const sessionKey: QueryKey = ['session'];

export function useSession() {
  return useQuery<Session | null>({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

export interface BusinessSettings {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  default_hourly_rate: number | null;
  invoice_prefix: string;
  payment_terms_days: number;
  default_tax_rate_bps: number;
  address: string | null;
  tax_id: string | null;
  expense_categories: string[];
}

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
    queryFn: () => callOp<{ business: BusinessSettings }>(businessId, 'get_business_settings'),
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
export function useOp<T>(operation: string, input: object = {}, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  const businessId = useBusinessId();
  return useQuery<T>({
    queryKey: ['biz', businessId, operation, input],
    queryFn: () => callOp<T>(businessId, operation, input),
    ...options,
  });
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A paginated read: pages follow next_cursor, "Load more" fetches the next. */
export function useOpPages<T, P extends Page<T> = Page<T>>(operation: string, input: object = {}, options: { enabled?: boolean } = {}) {
  const businessId = useBusinessId();
  const query = useInfiniteQuery({
    queryKey: ['biz', businessId, operation, input, 'pages'],
    queryFn: ({ pageParam }) => callOp<P>(businessId, operation, pageParam ? { ...input, cursor: pageParam } : input),
    initialPageParam: '' as string,
    getNextPageParam: (last: P) => last.next_cursor ?? undefined,
    ...options,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items, firstPage: query.data?.pages[0] };
}

/** A write: afterwards every read of the business is refetched (cheap, and never stale). */
export function useOpMutation<T, I extends object = Record<string, unknown>>(operation: string, options: { onSuccess?: (result: T, input: I) => void } = {}) {
  const businessId = useBusinessId();
  const client = useQueryClient();
  return useMutation<T, Error, I>({
    mutationFn: (input) => callOp<T>(businessId, operation, input),
    onSuccess: async (result, input) => {
      await client.invalidateQueries({ queryKey: ['biz', businessId] });
      options.onSuccess?.(result, input);
    },
  });
}
