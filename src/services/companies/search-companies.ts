import { searchTerm } from '../../domain/company-search.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { CONNECTION_STATUSES, type Connection, type ConnectionStatus } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { resolvePaging } from '../paging.js';
import { withTheirConnections } from './with-their-connections.js';

/** What the Portal's Companies table sorts by; each is an index walk (migrations 0001, 0003, 0013). */
export const COMPANY_SORT_FIELDS = ['name', 'created', 'lastSync'] as const;
export type CompanySortField = (typeof COMPANY_SORT_FIELDS)[number];

/** A connection status, or `none`: companies without any connection. */
export const CONNECTION_STATUS_FILTERS = [...CONNECTION_STATUSES, 'none'] as const;
export type ConnectionStatusFilter = (typeof CONNECTION_STATUS_FILTERS)[number];

/** A page of the table is read whole by a person: a hundred rows at most. */
export const MAX_COMPANY_SEARCH_PAGE_SIZE = 100;
export const DEFAULT_COMPANY_SEARCH_PAGE_SIZE = 25;

export interface SearchCompaniesInput {
  /** A substring of the name or of any tag key or value, any case. */
  search?: string | undefined;
  status?: string | undefined;
  sort?: string | undefined;
  descending?: boolean | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export type ConnectionSummary = Record<ConnectionStatus, number>;

export interface CompanySearchRow extends CompanyWithConnections {
  /** How many of its connections are in each status. */
  summary: ConnectionSummary;
}

export interface CompanySearchPage {
  items: CompanySearchRow[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The Portal's Companies table: search, a connection-status filter, sorting and a page with its
 * total, all in SQL through the same `companies.list` the API's list uses; then the page's
 * connections in one more read, from which each row's summary is counted.
 */
export async function searchCompanies(deps: Pick<ServiceDeps, 'store'>, actor: Actor, input: SearchCompaniesInput): Promise<CompanySearchPage> {
  const { page, pageSize, offset } = resolvePaging({ page: input.page, pageSize: input.pageSize ?? DEFAULT_COMPANY_SEARCH_PAGE_SIZE });
  if (pageSize > MAX_COMPANY_SEARCH_PAGE_SIZE) throw new AppError('BAD_REQUEST', `pageSize must be at most ${MAX_COMPANY_SEARCH_PAGE_SIZE}.`);
  const sort = oneOf(input.sort ?? 'created', COMPANY_SORT_FIELDS, 'sort');
  const status = input.status === undefined || input.status === '' ? undefined : oneOf(input.status, CONNECTION_STATUS_FILTERS, 'status');
  const result = await deps.store.companies.list(actor.clientId, {
    search: searchTerm(input.search),
    connectionStatus: status,
    orderBy: { field: sort, descending: input.descending ?? sort !== 'name' },
    offset,
    limit: pageSize,
  });
  const rows = await withTheirConnections(deps.store, actor.clientId, result.items);
  const items = rows.map((row) => ({ ...row, summary: summarise(row.connections) }));
  return { items, total: result.total, page, pageSize };
}

export function summarise(connections: readonly Connection[]): ConnectionSummary {
  const summary = Object.fromEntries(CONNECTION_STATUSES.map((status) => [status, 0])) as ConnectionSummary;
  for (const connection of connections) summary[connection.status] += 1;
  return summary;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  const found = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (found === undefined) throw new AppError('BAD_REQUEST', `${name} must be one of ${allowed.join(', ')}; got '${value.slice(0, 40)}'.`);
  return found;
}
