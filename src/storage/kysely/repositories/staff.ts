import type { Kysely, Selectable } from 'kysely';
import { isStaffRole, type StaffInvitation, type StaffRole, type StaffUser } from '../../../domain/portal/staff.js';
import type { StaffInvitationRepository, StaffSessionRepository, StaffUserRepository } from '../../ports.js';
import { deleteBatchBefore } from '../batched-delete.js';
import type { Dialect } from '../database.js';
import type { PortalInvitationsTable, PortalUsersTable, Tables } from '../tables.js';

/** A role the code no longer knows reads as the weakest one, never as a stronger one. */
const roleOf = (value: string): StaffRole => (isStaffRole(value) ? value : 'viewer');

const toUser = (row: Omit<Selectable<PortalUsersTable>, 'password_hash'>): StaffUser => ({
  id: row.id,
  clientId: row.client_id,
  email: row.email,
  role: roleOf(row.role),
  created: row.created,
  modified: row.modified,
});

const USER_COLUMNS = ['id', 'client_id', 'email', 'role', 'created', 'modified'] as const;

export function createStaffUserRepository(db: Kysely<Tables>, dialect: Dialect): StaffUserRepository {
  return {
    async insert(user, passwordHash) {
      await db
        .insertInto('portal_users')
        .values({ id: user.id, client_id: user.clientId, email: user.email, password_hash: passwordHash, role: user.role, created: user.created, modified: user.modified })
        .execute();
    },
    async findForSignIn(email) {
      const row = await db.selectFrom('portal_users').selectAll().where('email', '=', email).executeTakeFirst();
      return row && { user: toUser(row), passwordHash: row.password_hash };
    },
    async findById(clientId, id) {
      const row = await db.selectFrom('portal_users').select(USER_COLUMNS).where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async list(clientId) {
      const rows = await db.selectFrom('portal_users').select(USER_COLUMNS).where('client_id', '=', clientId).orderBy('email').execute();
      return rows.map(toUser);
    },
    async listPage(clientId, page) {
      const rows = await db
        .selectFrom('portal_users')
        .select(USER_COLUMNS)
        .where('client_id', '=', clientId)
        .orderBy('email')
        .offset(page.offset)
        .limit(page.limit)
        .execute();
      return rows.map(toUser);
    },
    async count(clientId) {
      const row = await db.selectFrom('portal_users').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async countWithRole(clientId, role) {
      const row = await db
        .selectFrom('portal_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_id', '=', clientId)
        .where('role', '=', role)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async lockAdmins(clientId) {
      const query = db.selectFrom('portal_users').select('id').where('client_id', '=', clientId).where('role', '=', 'admin');
      const rows = await (dialect === 'postgres' ? query.forUpdate() : query).execute();
      return rows.map((row) => row.id);
    },
    async updateRole(clientId, id, role, modified) {
      const result = await db.updateTable('portal_users').set({ role, modified }).where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async updatePassword(clientId, id, passwordHash, modified) {
      const result = await db
        .updateTable('portal_users')
        .set({ password_hash: passwordHash, modified })
        .where('client_id', '=', clientId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(clientId, id) {
      const result = await db.deleteFrom('portal_users').where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export function createStaffSessionRepository(db: Kysely<Tables>, dialect: Dialect): StaffSessionRepository {
  return {
    async insert(session) {
      await db
        .insertInto('portal_sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          client_id: session.clientId,
          csrf_token: session.csrfToken,
          created: session.created,
          last_seen: session.lastSeen,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async findActive(idHash, now) {
      const row = await db
        .selectFrom('portal_sessions as s')
        .innerJoin('portal_users as u', 'u.id', 's.user_id')
        .select(['s.id_hash', 's.user_id', 's.client_id', 's.csrf_token', 's.created', 's.last_seen', 's.expires_at'])
        .select(['u.id', 'u.client_id as user_client_id', 'u.email', 'u.role', 'u.created as user_created', 'u.modified'])
        .where('s.id_hash', '=', idHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        session: {
          idHash: row.id_hash,
          userId: row.user_id,
          clientId: row.client_id,
          csrfToken: row.csrf_token,
          created: row.created,
          lastSeen: row.last_seen,
          expiresAt: row.expires_at,
        },
        user: toUser({ id: row.id, client_id: row.user_client_id, email: row.email, role: row.role, created: row.user_created, modified: row.modified }),
      };
    },
    async touch(idHash, lastSeen, expiresAt) {
      await db.updateTable('portal_sessions').set({ last_seen: lastSeen, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.deleteFrom('portal_sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(clientId, userId) {
      const result = await db.deleteFrom('portal_sessions').where('client_id', '=', clientId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    deleteExpired: (now, limit) => deleteBatchBefore(db, dialect, { table: 'portal_sessions', key: 'id_hash', column: 'expires_at' }, now, limit),
  };
}

const toInvitation = (row: Selectable<PortalInvitationsTable>): StaffInvitation => ({
  id: row.id,
  tokenHash: row.token_hash,
  clientId: row.client_id,
  email: row.email,
  role: roleOf(row.role),
  invitedBy: row.invited_by,
  created: row.created,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
});

export function createStaffInvitationRepository(db: Kysely<Tables>, dialect: Dialect): StaffInvitationRepository {
  const pendingOf = (clientId: string, now: string) =>
    db.selectFrom('portal_invitations').where('client_id', '=', clientId).where('accepted_at', 'is', null).where('expires_at', '>', now);
  return {
    async insert(invitation) {
      await db
        .insertInto('portal_invitations')
        .values({
          id: invitation.id,
          token_hash: invitation.tokenHash,
          client_id: invitation.clientId,
          email: invitation.email,
          role: invitation.role,
          invited_by: invitation.invitedBy,
          created: invitation.created,
          expires_at: invitation.expiresAt,
          accepted_at: invitation.acceptedAt,
        })
        .execute();
    },
    async findPending(tokenHash, now) {
      const row = await db
        .selectFrom('portal_invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row && toInvitation(row);
    },
    async markAccepted(id, acceptedAt) {
      const result = await db.updateTable('portal_invitations').set({ accepted_at: acceptedAt }).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async list(clientId) {
      const rows = await db.selectFrom('portal_invitations').selectAll().where('client_id', '=', clientId).orderBy('created', 'desc').execute();
      return rows.map(toInvitation);
    },
    async listPending(clientId, now, limit) {
      const rows = await pendingOf(clientId, now).selectAll().orderBy('created', 'desc').limit(limit).execute();
      return rows.map(toInvitation);
    },
    async countPending(clientId, now) {
      const row = await pendingOf(clientId, now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async delete(clientId, id) {
      const result = await db.deleteFrom('portal_invitations').where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    deleteExpired: (now, limit) => deleteBatchBefore(db, dialect, { table: 'portal_invitations', key: 'id', column: 'expires_at' }, now, limit),
  };
}
