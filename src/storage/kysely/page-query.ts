import { sql, type RawBuilder } from 'kysely';

/**
 * One page of rows plus the total, counting only when the page itself cannot tell. A page that
 * is not full (or the first page, empty) ends the result set, so its total is `offset + rows`:
 * the common "find my customer by merchant id" lookup is then one statement, not two (one
 * round trip, not two, on PostgreSQL). Only a full page, or an empty page past the end, needs
 * the count.
 */
export async function pageWithTotal<Row>(
  page: { offset: number; limit: number },
  rows: (window: { offset: RawBuilder<number>; limit: RawBuilder<number> }) => Promise<Row[]>,
  count: () => Promise<number | string | bigint>,
): Promise<{ rows: Row[]; total: number }> {
  // Literals, not parameters: both are validated integers, and SQLite plans `LIMIT ?` as if the
  // limit could be anything, which made the page query several times slower than `LIMIT 100`.
  const found = await rows({ offset: literalCount(page.offset), limit: literalCount(page.limit) });
  if (found.length < page.limit && (found.length > 0 || page.offset === 0)) return { rows: found, total: page.offset + found.length };
  return { rows: found, total: Number(await count()) };
}

function literalCount(value: number): RawBuilder<number> {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`paging value must be a non-negative integer, got ${value}`);
  return sql.lit(value);
}
