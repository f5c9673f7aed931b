import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { isPlausibleEmail, normaliseEmail, passwordProblem, type StaffRole, type StaffUser } from '../../domain/portal/staff.js';
import { hashPassword } from '../../security/passwords.js';
import type { Store } from '../../storage/ports.js';
import type { ServiceDeps } from '../deps.js';

/** A client may have this many staff users; more is a mistake or an attack. */
export const MAX_STAFF_USERS_PER_CLIENT = 500;

/**
 * Creates a staff user of `clientId` (the first admin at start-up, an operator's CLI, an accepted
 * invitation). Pass `store` to run inside a caller's transaction. The password is hashed before
 * the transaction, so no lock is held for the hash's ~0.3 s.
 */
export async function createStaffUser(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  input: { clientId: string; email: string; password: string; role: StaffRole },
  store?: Store,
): Promise<StaffUser> {
  const email = normaliseEmail(input.email);
  if (!isPlausibleEmail(email)) throw new AppError('BAD_REQUEST', 'Enter a valid email address.', { validation: [{ itemId: 'email', message: 'Enter a valid email address.', validatorName: 'email' }] });
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('BAD_REQUEST', problem, { validation: [{ itemId: 'password', message: problem, validatorName: 'password' }] });
  const passwordHash = await hashPassword(input.password);
  const now = toIso(deps.clock.now());
  const user: StaffUser = { id: newId(), clientId: input.clientId, email, role: input.role, created: now, modified: now };
  const write = async (tx: Store) => {
    if ((await tx.staffUsers.count(input.clientId)) >= MAX_STAFF_USERS_PER_CLIENT) {
      throw new AppError('CONFLICT', `A client can have at most ${MAX_STAFF_USERS_PER_CLIENT} users.`);
    }
    if (await tx.staffUsers.findForSignIn(email)) throw emailTaken();
    await tx.staffUsers.insert(user, passwordHash).catch((error: unknown) => {
      // Two creations racing past the check: the unique index decides.
      throw /unique|duplicate/i.test(String(error)) ? emailTaken() : error;
    });
  };
  await (store ? write(store) : deps.store.transaction(write));
  return user;
}

const emailTaken = () => new AppError('CONFLICT', 'A user with that email already exists.', { validation: [{ itemId: 'email', message: 'A user with that email already exists.', validatorName: 'unique' }] });
