import { AppError } from '../domain/errors.js';
import { parseQuery, type ParseQueryOptions, type QueryNode } from '../domain/query/index.js';
import type { OrderBy } from '../storage/ports.js';

/** Codat's paging: page ≥ 1 (default 1), pageSize 1–5000 (default 100). */
export interface PageRequest {
  page?: number | undefined;
  pageSize?: number | undefined;
  query?: string | undefined;
  orderBy?: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 5000;

export function resolvePaging(request: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1) throw new AppError('BAD_REQUEST', 'page must be an integer of at least 1.');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new AppError('BAD_REQUEST', `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** A missing or blank `query` means "no filter"; anything else must parse. */
export function parseOptionalQuery(text: string | undefined, options: ParseQueryOptions = {}): QueryNode | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return parseQuery(text, options);
}

export function parseOrderBy(text: string | undefined): OrderBy | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim();
  const descending = trimmed.startsWith('-');
  return { field: descending ? trimmed.slice(1) : trimmed, descending };
}
