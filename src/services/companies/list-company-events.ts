import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { resolvePaging } from '../paging.js';
import { requireCompany } from './require-company.js';

export interface CompanyEvent {
  id: string;
  eventType: string;
  created: string;
  /** The event as webhook consumers received it (Codat's envelope). */
  body: unknown;
}

export interface CompanyEventPage {
  items: CompanyEvent[];
  total: number;
  page: number;
  pageSize: number;
}

export const MAX_COMPANY_EVENTS_PAGE_SIZE = 100;

/**
 * The company's event history, newest first: the outbox's events (written whether or not any
 * consumer wants them), paged in SQL. They last as long as webhook retention keeps them.
 */
export async function listCompanyEvents(
  deps: Pick<ServiceDeps, 'store'>,
  actor: Actor,
  companyId: string,
  input: { page?: number | undefined; pageSize?: number | undefined },
): Promise<CompanyEventPage> {
  const { page, pageSize, offset } = resolvePaging({ page: input.page, pageSize: input.pageSize ?? 20 });
  if (pageSize > MAX_COMPANY_EVENTS_PAGE_SIZE) throw new AppError('BAD_REQUEST', `pageSize must be at most ${MAX_COMPANY_EVENTS_PAGE_SIZE}.`);
  const company = await requireCompany(deps.store, actor.clientId, companyId);
  const result = await deps.store.webhookOutbox.listCompanyEvents(actor.clientId, company.id, { offset, limit: pageSize });
  const items = result.items.map((event) => ({ id: event.id, eventType: event.eventType, created: event.created, body: JSON.parse(event.body) as unknown }));
  return { items, total: result.total, page, pageSize };
}
