import type { Kysely } from 'kysely';
import type { CompanyAccessRevocationRepository } from '../../ports.js';
import type { Tables } from '../tables.js';

export function createCompanyAccessRevocationRepository(db: Kysely<Tables>): CompanyAccessRevocationRepository {
  return {
    async notBefore(companyId) {
      const row = await db.selectFrom('company_access_token_revocations').select('not_before').where('company_id', '=', companyId).executeTakeFirst();
      return row?.not_before;
    },
    async revokeBefore(clientId, companyId, notBefore) {
      // Only ever forward: a slower process's older cut-off never re-admits revoked tokens.
      await db
        .insertInto('company_access_token_revocations')
        .values({ company_id: companyId, client_id: clientId, not_before: notBefore })
        .onConflict((oc) =>
          oc.column('company_id').doUpdateSet({ not_before: notBefore }).where('company_access_token_revocations.not_before', '<', notBefore),
        )
        .execute();
    },
  };
}
