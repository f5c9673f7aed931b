import type { Company } from '../../domain/company.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import type { Connection } from '../../domain/connection.js';
import type { Store } from '../../storage/ports.js';

/** A page of companies with their connections, read in one query for the whole page. */
export async function withTheirConnections(store: Store, clientId: string, companies: readonly Company[]): Promise<CompanyWithConnections[]> {
  const connections = await store.connections.listForCompanies(
    clientId,
    companies.map((company) => company.id),
  );
  // Map.groupBy needs Node 21; Node 20 is supported.
  const byCompany = new Map<string, Connection[]>();
  for (const connection of connections) {
    const list = byCompany.get(connection.companyId);
    if (list) list.push(connection);
    else byCompany.set(connection.companyId, [connection]);
  }
  return companies.map((company) => ({ company, connections: byCompany.get(company.id) ?? [] }));
}
