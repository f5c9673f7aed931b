import { toIso } from '../../domain/clock.js';
import { validCompanyName, validDescription, validTags, type CompanyTags } from '../../domain/company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { requireCompany } from './require-company.js';

export interface ReplaceCompanyInput {
  name: string;
  description?: string | null | undefined;
  tags?: CompanyTags | null | undefined;
}

/** PUT: overwrites name, description and tags; omitted values are cleared. */
export async function replaceCompany(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  companyId: string,
  input: ReplaceCompanyInput,
): Promise<CompanyWithConnections> {
  return deps.store.transaction(async (tx) => {
    const existing = await requireCompany(tx, actor.clientId, companyId);
    const company = {
      ...existing,
      name: validCompanyName(input.name),
      description: validDescription(input.description),
      tags: validTags(input.tags),
      modified: toIso(deps.clock.now()),
    };
    await tx.companies.update(company);
    return { company, connections: await tx.connections.listForCompanies(actor.clientId, [company.id]) };
  });
}
