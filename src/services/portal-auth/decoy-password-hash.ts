import { createDecoyHash } from '../../security/passwords.js';

/**
 * One decoy hash per process, made on first use (not at start: hashing costs ~0.3 s and most
 * processes never see a sign-in). See signInStaff for why unknown emails are checked against it.
 */
export function lazyDecoyPasswordHash(): () => Promise<string> {
  let decoy: Promise<string> | undefined;
  return () => (decoy ??= createDecoyHash());
}
