import { isUuid } from '../../domain/ids.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { companyNotFound } from './require-company.js';

/** One read for the company and its connections; other tenants' ids look unknown (404). */
export async function getCompany(deps: Pick<ServiceDeps, 'store'>, actor: Actor, companyId: string): Promise<CompanyWithConnections> {
  const found = isUuid(companyId) ? await deps.store.companies.findWithConnections(actor.clientId, companyId) : undefined;
  if (!found) throw companyNotFound(companyId);
  return found;
}
