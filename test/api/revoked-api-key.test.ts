/**
 * A revoked DOORWAY_API_KEY stays revoked: the next start with the same environment does not
 * recreate it, and says so in the log, naming the setting. The service still starts and its
 * other keys keep working.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { basicAuth, startDoorway, TEST_API_KEY } from '../support/start-doorway.js';
import { createTestDatabase, TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('a revoked DOORWAY_API_KEY on %s', (dialect) => {
  it('is not recreated by a restart with the same environment, and startup logs an error naming DOORWAY_API_KEY', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const first = await startDoorway({ database });
      const keys = (await first.api('GET', '/apiKeys')).json.results as { id: string; name: string | null }[];
      const configured = keys.find((key) => key.name === 'DOORWAY_API_KEY')!;
      const spare = (await first.api('POST', '/apiKeys', { name: 'spare' })).json.apiKey as string;
      expect((await first.api('DELETE', `/apiKeys/${configured.id}`)).status).toBe(204);
      await first.close();

      const logs: Array<Record<string, unknown>> = [];
      const log = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) });
      const second = await startDoorway({ database, log });
      try {
        const withKey = (key: string) => fetch(`${second.url}/companies`, { headers: { Authorization: basicAuth(key) } });
        expect((await withKey(TEST_API_KEY)).status).toBe(401);
        expect((await withKey(spare)).status).toBe(200);
        const names = ((await (await fetch(`${second.url}/apiKeys`, { headers: { Authorization: basicAuth(spare) } })).json()) as { results: { name: string }[] }).results.map(
          (key) => key.name,
        );
        expect(names).toEqual(['spare']);
        expect(logs).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/DOORWAY_API_KEY.*revoked/) }));
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});
