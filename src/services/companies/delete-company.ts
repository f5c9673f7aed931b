import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireCompany } from './require-company.js';

/** Deletes a company and its connections, permanently: `connection.deleted` for each, then `company.deleted`. */
export async function deleteCompany(deps: Pick<ServiceDeps, 'store' | 'events'>, actor: Actor, companyId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const company = await requireCompany(tx, actor.clientId, companyId);
    for (const connection of await tx.connections.listForCompanies(actor.clientId, [company.id])) {
      await deps.events.publish(tx, { type: 'connection.deleted', company, connection });
    }
    await deps.events.publish(tx, { type: 'company.deleted', company });
    const deleted = await tx.companies.delete(actor.clientId, company.id);
    if (!deleted) throw new AppError('NOT_FOUND', `No company was found with ID ${companyId}.`);
  });
}
