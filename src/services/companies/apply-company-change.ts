import { toIso } from '../../domain/clock.js';
import type { Company, CompanyTags } from '../../domain/company.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireCompany } from './require-company.js';

/** The body of PUT and PATCH: the same fields, of which PUT requires the name. */
export interface CompanyChangeInput {
  name?: string | null | undefined;
  description?: string | null | undefined;
  tags?: CompanyTags | null | undefined;
}

/** The fields PUT and PATCH may change, already validated. */
export type CompanyChange = Pick<Company, 'name' | 'description' | 'tags'>;

/**
 * The common part of PUT and PATCH: within one transaction, find the company, apply the change
 * `decide` makes from the stored one, stamp `modified` and answer with its connections.
 */
export async function applyCompanyChange(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  companyId: string,
  decide: (existing: Company) => CompanyChange,
): Promise<CompanyWithConnections> {
  return deps.store.transaction(async (tx) => {
    const existing = await requireCompany(tx, actor.clientId, companyId);
    const company = { ...existing, ...decide(existing), modified: toIso(deps.clock.now()) };
    await tx.companies.update(company);
    return { company, connections: await tx.connections.listForCompanies(actor.clientId, [company.id]) };
  });
}
