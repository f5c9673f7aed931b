import { z } from '@hono/zod-openapi';

/** Codat's paging query: `page`, `pageSize`, and the query language's `query` and `orderBy`. */
export const PagingQuery = z.object({
  page: z.coerce.number().int().min(1).optional().openapi({ example: 1, description: 'Page number (default 1).' }),
  pageSize: z.coerce.number().int().min(1).max(5000).optional().openapi({ example: 100, description: 'Items per page (default 100, max 5000).' }),
  query: z.string().max(2048).optional().openapi({ description: 'Codat query language, e.g. `name=Acme&&dataConnections.status=Linked`.' }),
  orderBy: z.string().max(64).optional().openapi({ example: '-created', description: 'Field to order by; prefix with - for descending.' }),
});

const HalRef = z.object({ href: z.string() });
export const PagingLinksSchema = z.object({ self: HalRef, current: HalRef, next: HalRef.optional(), previous: HalRef.optional() });

/** A named `{results, pageNumber, pageSize, totalResults, _links}` schema of `item`. */
export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      results: z.array(item),
      pageNumber: z.number().int(),
      pageSize: z.number().int(),
      totalResults: z.number().int(),
      _links: PagingLinksSchema,
    })
    .openapi(name);

/** Codat's HAL paging links: `self` is the bare path, `current/next/previous` carry the query. */
export function pagingLinks(path: string, search: URLSearchParams, page: number, pageSize: number, total: number) {
  const href = (pageNumber: number) => {
    const params = new URLSearchParams(search);
    params.set('page', String(pageNumber));
    params.set('pageSize', String(pageSize));
    return { href: `${path}?${params.toString()}` };
  };
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return {
    self: { href: path },
    current: href(page),
    ...(page < lastPage ? { next: href(page + 1) } : {}),
    ...(page > 1 ? { previous: href(Math.min(page - 1, lastPage)) } : {}),
  };
}

/** What a use-case returns for one page (the store's `Page`). */
export interface PageResult<T> {
  items: readonly T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The envelope every list operation answers with. `path` is the collection's own path (the
 * links' `self`); `search` is the request's query string, carried into `current/next/previous`.
 */
export function toPageOut<T, Out>(result: PageResult<T>, toOut: (item: T) => Out, path: string, search: URLSearchParams) {
  return {
    // Wrapped so a mapper's optional second parameter never receives map's index.
    results: result.items.map((item) => toOut(item)),
    pageNumber: result.page,
    pageSize: result.pageSize,
    totalResults: result.total,
    _links: pagingLinks(path, search, result.page, result.pageSize, result.total),
  };
}
