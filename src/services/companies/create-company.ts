import { toIso } from '../../domain/clock.js';
import { validCompanyName, validDescription, validTags, type Company, type CompanyTags } from '../../domain/company.js';
import { newId } from '../../domain/ids.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';

export interface CreateCompanyInput {
  name: string;
  description?: string | null | undefined;
  tags?: CompanyTags | null | undefined;
  createdByUserName?: string | null | undefined;
}

/** Creates a company. Forbidden name characters are stripped, as Codat does, not rejected. */
export async function createCompany(deps: Pick<ServiceDeps, 'store' | 'clock' | 'events'>, actor: Actor, input: CreateCompanyInput): Promise<CompanyWithConnections> {
  const now = toIso(deps.clock.now());
  const company: Company = {
    id: newId(),
    clientId: actor.clientId,
    name: validCompanyName(input.name),
    description: validDescription(input.description),
    tags: validTags(input.tags),
    created: now,
    modified: now,
    lastSync: null,
    createdByUserName: input.createdByUserName ?? null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.companies.insert(company);
    await deps.events.publish(tx, { type: 'company.created', company });
  });
  return { company, connections: [] };
}
