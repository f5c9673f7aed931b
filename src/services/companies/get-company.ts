import type { Actor, ServiceDeps } from '../deps.js';
import type { CompanyWithConnections } from './company-view.js';
import { requireCompany } from './require-company.js';

export async function getCompany(deps: Pick<ServiceDeps, 'store'>, actor: Actor, companyId: string): Promise<CompanyWithConnections> {
  const company = await requireCompany(deps.store, actor.clientId, companyId);
  const connections = await deps.store.connections.listForCompanies(actor.clientId, [company.id]);
  return { company, connections };
}
