import { TAG_OPERATORS } from '../../domain/query/index.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { parseOptionalQuery, parseOrderBy, resolvePaging, type PageRequest } from '../paging.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { withTheirConnections } from './with-their-connections.js';

export interface ListCompaniesInput extends PageRequest {
  /** Codat's `tags` filter: the query language restricted to `=`, `!=` and `~` over tag keys. */
  tags?: string | undefined;
}

export interface CompanyPage {
  items: CompanyWithConnections[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Lists companies with Codat's filters. Finding an existing customer by merchant id
 * (`query=name=M-123` or `tags=uid=M-123`) is one indexed lookup.
 */
export async function listCompanies(deps: Pick<ServiceDeps, 'store'>, actor: Actor, input: ListCompaniesInput): Promise<CompanyPage> {
  const { page, pageSize, offset } = resolvePaging(input);
  const filter = parseOptionalQuery(input.query);
  const tagsFilter = parseOptionalQuery(input.tags, { pathSyntax: 'tag', allowedOperators: TAG_OPERATORS });
  const result = await deps.store.companies.list(actor.clientId, {
    filter,
    tagsFilter,
    orderBy: parseOrderBy(input.orderBy),
    offset,
    limit: pageSize,
  });
  return {
    items: await withTheirConnections(deps.store, actor.clientId, result.items),
    total: result.total,
    page,
    pageSize,
  };
}
