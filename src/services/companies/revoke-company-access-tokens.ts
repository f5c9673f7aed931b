import { toIso } from '../../domain/clock.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireCompany } from './require-company.js';

/**
 * `DELETE /companies/{id}/accessToken` (a Doorway extension): every token issued for this company
 * so far stops working at once (a leaked token, a customer who left); tokens fetched afterwards
 * work. Tokens are stateless, so this stores a cut-off that verification compares their issue
 * time with (src/services/link/embedded-access.ts).
 */
export async function revokeCompanyAccessTokens(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, companyId: string): Promise<void> {
  const company = await requireCompany(deps.store, actor.clientId, companyId);
  await deps.store.companyAccessRevocations.revokeBefore(actor.clientId, company.id, toIso(deps.clock.now()));
}
