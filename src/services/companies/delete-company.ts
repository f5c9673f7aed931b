import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireCompany } from './require-company.js';
import { eraseCredentials, revokeAfterCommit, type RevocationDeps } from '../connections/revoke-platform-tokens.js';

/**
 * Deletes a company and its connections, permanently: `connection.deleted` for each, then
 * `company.deleted`; after the commit each connection's tokens are revoked at its platform.
 */
export async function deleteCompany(
  deps: Pick<ServiceDeps, 'store' | 'events'> & RevocationDeps,
  actor: Actor,
  companyId: string,
): Promise<void> {
  const revocations = await deps.store.transaction(async (tx) => {
    const company = await requireCompany(tx, actor.clientId, companyId);
    const pending = [];
    for (const connection of await tx.connections.listForCompanies(actor.clientId, [company.id])) {
      await deps.events.publish(tx, { type: 'connection.deleted', company, connection });
      pending.push(await eraseCredentials(deps, tx, connection));
    }
    await deps.events.publish(tx, { type: 'company.deleted', company });
    const deleted = await tx.companies.delete(actor.clientId, company.id);
    if (!deleted) throw new AppError('NOT_FOUND', `No company was found with ID ${companyId}.`);
    return pending;
  });
  await revokeAfterCommit(deps, revocations);
}
