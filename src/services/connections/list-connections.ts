import type { Connection } from '../../domain/connection.js';
import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { parseOptionalQuery, parseOrderBy, resolvePaging, type PageRequest } from '../paging.js';

export interface ConnectionPage {
  items: Connection[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listConnections(
  deps: Pick<ServiceDeps, 'store'>,
  actor: Actor,
  companyId: string,
  input: PageRequest,
): Promise<ConnectionPage> {
  const { page, pageSize, offset } = resolvePaging(input);
  const filter = parseOptionalQuery(input.query);
  const company = await requireCompany(deps.store, actor.clientId, companyId);
  const result = await deps.store.connections.list(actor.clientId, company.id, {
    filter,
    orderBy: parseOrderBy(input.orderBy),
    offset,
    limit: pageSize,
  });
  return { items: result.items, total: result.total, page, pageSize };
}
