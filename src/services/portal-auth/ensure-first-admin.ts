import { generatePassword } from '../../security/passwords.js';
import type { ServiceDeps } from '../deps.js';
import { createStaffUser } from './create-staff-user.js';

export interface FirstAdminResult {
  /** Set when an admin was created now. */
  createdEmail: string | undefined;
  /** Set only when the password was generated now: the caller prints it once. */
  generatedPassword: string | undefined;
}

export const GENERATED_ADMIN_EMAIL = 'admin@localhost';

/**
 * A client with no staff gets its first admin: DOORWAY_ADMIN_EMAIL / DOORWAY_ADMIN_PASSWORD when
 * given (deployments automate), otherwise the given or a placeholder email with a generated
 * password the caller prints once. A client that has users is left alone (the settings only seed).
 * Several processes starting at once: the email is unique, and the loser of that race finds users.
 */
export async function ensureFirstAdmin(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  clientId: string,
  configured: { email?: string | undefined; password?: string | undefined },
): Promise<FirstAdminResult> {
  if ((await deps.store.staffUsers.count(clientId)) > 0) return { createdEmail: undefined, generatedPassword: undefined };
  const email = configured.email ?? GENERATED_ADMIN_EMAIL;
  const password = configured.password ?? generatePassword();
  try {
    const user = await createStaffUser(deps, { clientId, email, password, role: 'admin' });
    return { createdEmail: user.email, generatedPassword: configured.password ? undefined : password };
  } catch (error) {
    if ((await deps.store.staffUsers.count(clientId)) > 0) return { createdEmail: undefined, generatedPassword: undefined };
    throw error;
  }
}
