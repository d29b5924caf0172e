/** How many DynamoDB pages a filtered list may read before it returns a (possibly short) page with a cursor. */
const maxPagesPerList = 5;

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/**
 * One page of a list. DynamoDB applies `Limit` before a filter expression, so a filtered query
 * can return short (even empty) pages with a cursor: read on until the page is full, the list
 * ends, or maxPagesPerList reads were spent. An unfiltered query is read once.
 */
export async function readPage<T>(
  read: (limit: number, cursor: string | null) => Promise<{ data: T[]; cursor: string | null }>,
  page: { limit: number; cursor?: string | null; filtered: boolean },
): Promise<Page<T>> {
  const items: T[] = [];
  let cursor = page.cursor ?? null;
  for (let pages = 0; pages < maxPagesPerList; pages++) {
    const res = await read(page.limit - items.length, cursor);
    items.push(...res.data);
    cursor = res.cursor;
    if (!cursor || items.length >= page.limit || !page.filtered) break;
  }
  return { items, cursor };
}
