import type { StaffInvitation, StaffRole, StaffSession, StaffUser } from '../domain/portal/staff.js';

/**
 * The Portal's staff repositories: users, their sessions and invitations. Part of the store's
 * ports (`ports.ts` re-exports them); import them from there. Every read by id is scoped by
 * clientId except the two a sign-in needs before a tenant is known: by email, and by the hash
 * of a cookie or invitation token (which is itself the credential).
 */
export interface StaffUserRepository {
  insert(user: StaffUser, passwordHash: string): Promise<void>;
  /** Sign-in: the user with this (normalised) email in any client, with the stored hash. */
  findForSignIn(email: string): Promise<{ user: StaffUser; passwordHash: string } | undefined>;
  findById(clientId: string, id: string): Promise<StaffUser | undefined>;
  list(clientId: string): Promise<StaffUser[]>;
  /** One page of the client's users, by email. */
  listPage(clientId: string, page: { offset: number; limit: number }): Promise<StaffUser[]>;
  count(clientId: string): Promise<number>;
  countWithRole(clientId: string, role: StaffRole): Promise<number>;
  /**
   * The ids of the client's admins, locked until the transaction ends (PostgreSQL `FOR UPDATE`;
   * SQLite runs one transaction at a time), so two admins demoting or removing each other at
   * once cannot both pass a "not the last admin" check. Call it inside a transaction.
   */
  lockAdmins(clientId: string): Promise<string[]>;
  updateRole(clientId: string, id: string, role: StaffRole, modified: string): Promise<boolean>;
  updatePassword(clientId: string, id: string, passwordHash: string, modified: string): Promise<boolean>;
  delete(clientId: string, id: string): Promise<boolean>;
}

export interface StaffSessionRepository {
  insert(session: StaffSession): Promise<void>;
  /** The session with this token hash and its user, if it has not expired at `now`. */
  findActive(idHash: string, now: string): Promise<{ session: StaffSession; user: StaffUser } | undefined>;
  /** Pushes out an active session's idle expiry. */
  touch(idHash: string, lastSeen: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Sign out everywhere (or a removed user, a changed password): every session of the user. */
  deleteForUser(clientId: string, userId: string): Promise<number>;
  deleteExpired(now: string, limit: number): Promise<number>;
}

export interface StaffInvitationRepository {
  insert(invitation: StaffInvitation): Promise<void>;
  /** An invitation not yet accepted and not expired at `now`, by its token hash. */
  findPending(tokenHash: string, now: string): Promise<StaffInvitation | undefined>;
  /** Marks it accepted unless it already was (true for exactly one of concurrent accepts). */
  markAccepted(id: string, acceptedAt: string): Promise<boolean>;
  list(clientId: string): Promise<StaffInvitation[]>;
  /** The client's invitations neither accepted nor expired at `now`, newest first. */
  listPending(clientId: string, now: string, limit: number): Promise<StaffInvitation[]>;
  countPending(clientId: string, now: string): Promise<number>;
  delete(clientId: string, id: string): Promise<boolean>;
  deleteExpired(now: string, limit: number): Promise<number>;
}
