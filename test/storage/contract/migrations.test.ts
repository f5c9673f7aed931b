/**
 * Migrations: they open the expected dialect and running them again applies nothing.
 */
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { MIGRATIONS } from '../../../src/storage/kysely/migrations/index.js';
import { migrateToLatest } from '../../../src/storage/kysely/database.js';
import { describeContract } from './harness.js';

describeContract('migrations', (t) => {
  it('opened the expected dialect', () => {
    expect(t.database.dialect).toBe(t.dialect);
  });

  it('are idempotent: running again applies nothing and records the migration once', async () => {
    await migrateToLatest(t.database.db);
    const { rows } = await sql<{ name: string }>`SELECT name FROM doorway_migrations ORDER BY name`.execute(t.database.db);
    expect(rows.map((row) => row.name)).toEqual(Object.keys(MIGRATIONS).sort());
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});
