import { normaliseEmail } from '../../domain/portal/staff.js';
import type { ServiceDeps } from '../deps.js';

/** Whether an email already has a staff account in any client (one account per email). */
export async function staffEmailInUse(deps: Pick<ServiceDeps, 'store'>, email: string): Promise<boolean> {
  return (await deps.store.staffUsers.findForSignIn(normaliseEmail(email))) !== undefined;
}
