import type { Kysely } from 'kysely';
import type { Tables } from './tables.js';

/** Tables whose rows belong to one client (`client_id`) and are named by `id`. */
type OwnedTable = 'api_keys' | 'webhook_consumers' | 'companies';

/** How many rows of `table` the client owns (API keys and webhook consumers are capped per client). */
export async function countOwned(db: Kysely<Tables>, table: OwnedTable, clientId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes the client's row `id` of `table`; false when the client has no such row. */
export async function deleteOwned(db: Kysely<Tables>, table: OwnedTable, clientId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom(table).where('id', '=', id).where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
