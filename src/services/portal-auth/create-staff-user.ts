import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { isPlausibleEmail, normaliseEmail, passwordProblem, type StaffRole, type StaffUser } from '../../domain/portal/staff.js';
import { hashPassword } from '../../security/passwords.js';
import type { Store } from '../../storage/ports.js';
import type { ServiceDeps } from '../deps.js';

/** A client may have this many staff users; more is a mistake or an attack. */
export const MAX_STAFF_USERS_PER_CLIENT = 500;

/** A checked new user and its password's hash, ready to insert in a transaction. */
export interface PreparedStaffUser {
  user: StaffUser;
  passwordHash: string;
}

/**
 * Checks a new user's email and password and hashes the password: the slow part (~0.3 s), done
 * before any transaction so no lock is held meanwhile.
 */
export async function prepareStaffUser(
  deps: Pick<ServiceDeps, 'clock'>,
  input: { clientId: string; email: string; password: string; role: StaffRole },
): Promise<PreparedStaffUser> {
  const email = normaliseEmail(input.email);
  if (!isPlausibleEmail(email)) throw new AppError('BAD_REQUEST', 'Enter a valid email address.', { validation: [{ itemId: 'email', message: 'Enter a valid email address.', validatorName: 'email' }] });
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('BAD_REQUEST', problem, { validation: [{ itemId: 'password', message: problem, validatorName: 'password' }] });
  const passwordHash = await hashPassword(input.password);
  const now = toIso(deps.clock.now());
  return { user: { id: newId(), clientId: input.clientId, email, role: input.role, created: now, modified: now }, passwordHash };
}

/** Inserts a prepared user in `tx` (an accepted invitation's transaction), within the client's limit. */
export async function insertStaffUser(tx: Store, prepared: PreparedStaffUser): Promise<StaffUser> {
  const { user, passwordHash } = prepared;
  if ((await tx.staffUsers.count(user.clientId)) >= MAX_STAFF_USERS_PER_CLIENT) {
    throw new AppError('CONFLICT', `A client can have at most ${MAX_STAFF_USERS_PER_CLIENT} users.`);
  }
  if (await tx.staffUsers.findForSignIn(user.email)) throw staffEmailTaken();
  await tx.staffUsers.insert(user, passwordHash).catch((error: unknown) => {
    // Two creations racing past the check: the unique index decides.
    throw /unique|duplicate/i.test(String(error)) ? staffEmailTaken() : error;
  });
  return user;
}

/** Creates a staff user of `clientId` (the first admin at start-up, an operator's CLI, tests). */
export async function createStaffUser(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  input: { clientId: string; email: string; password: string; role: StaffRole },
): Promise<StaffUser> {
  const prepared = await prepareStaffUser(deps, input);
  return deps.store.transaction((tx) => insertStaffUser(tx, prepared));
}

/** One account per email across every client (sign-in needs no tenant picker). */
export const staffEmailTaken = () =>
  new AppError('CONFLICT', 'That email already has a Doorway account. A person can belong to one client only.', {
    validation: [{ itemId: 'email', message: 'That email already has a Doorway account.', validatorName: 'unique' }],
  });
