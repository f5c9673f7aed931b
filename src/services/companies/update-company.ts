import { toIso } from '../../domain/clock.js';
import { validCompanyName, validDescription, validTags, type CompanyTags } from '../../domain/company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { requireCompany } from './require-company.js';

export interface UpdateCompanyInput {
  name?: string | null | undefined;
  description?: string | null | undefined;
  tags?: CompanyTags | null | undefined;
}

/**
 * PATCH: absent or null fields stay as they are. Codat's docs contradict themselves on whether a
 * null `tags` clears tags; we follow the spec's "null is not updated" and clear tags only for `{}`.
 */
export async function updateCompany(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  actor: Actor,
  companyId: string,
  input: UpdateCompanyInput,
): Promise<CompanyWithConnections> {
  return deps.store.transaction(async (tx) => {
    const existing = await requireCompany(tx, actor.clientId, companyId);
    const company = {
      ...existing,
      name: input.name != null ? validCompanyName(input.name) : existing.name,
      description: input.description != null ? validDescription(input.description) : existing.description,
      tags: input.tags != null ? validTags(input.tags) : existing.tags,
      modified: toIso(deps.clock.now()),
    };
    await tx.companies.update(company);
    return { company, connections: await tx.connections.listForCompanies(actor.clientId, [company.id]) };
  });
}
