import { TAG_OPERATORS } from '../../domain/query/index.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { parseOptionalQuery, parseOrderBy, resolvePaging, type PageRequest } from '../paging.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';

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
  const connections = await deps.store.connections.listForCompanies(
    actor.clientId,
    result.items.map((company) => company.id),
  );
  // Map.groupBy needs Node 21; Node 20 is supported.
  const byCompany = new Map<string, typeof connections>();
  for (const connection of connections) {
    const list = byCompany.get(connection.companyId);
    if (list) list.push(connection);
    else byCompany.set(connection.companyId, [connection]);
  }
  return {
    items: result.items.map((company) => ({ company, connections: byCompany.get(company.id) ?? [] })),
    total: result.total,
    page,
    pageSize,
  };
}
