/**
 * `doorway create-client <name> [slug] --admin-email <email>` as an operator runs it (the built
 * `node dist/src/main.js`, its data in a fresh DATA_DIR, or PostgreSQL): it prints the new
 * client's API key and its first admin's generated password once, and that password signs in to
 * the Portal, as an admin of the new client and no other.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/databases.js';
import { buildDoorway, REPO_ROOT } from '../support/doorway-processes.js';
import { PortalClient } from '../support/portal-client.js';
import { startDoorway, TEST_ENCRYPTION_KEY } from '../support/start-doorway.js';

const run = promisify(execFile);

beforeAll(() => buildDoorway(), 180_000);

describe.each(TEST_DIALECTS)('doorway create-client on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.drop());

  it('prints the new admin’s password once, and it signs in to the new client', { timeout: 60_000 }, async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.config.kind === 'sqlite' ? `sqlite:${database.config.filename}` : database.config.connectionString,
      DOORWAY_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: 'silent',
    };
    const main = path.join(REPO_ROOT, 'dist/src/main.js');
    const { stdout } = await run(process.execPath, [main, 'create-client', 'Acme Operations', 'acme-ops', '--admin-email', 'Ops.Lead@Acme.test'], { cwd: REPO_ROOT, env });
    expect(stdout).toMatch(/Created client "Acme Operations" \(.+, slug acme-ops\)\. API key \(shown once\)/);
    const printed = /Portal admin (\S+), password \(shown once\):\n\n {2}(\S+)\n/.exec(stdout);
    expect(printed, stdout).not.toBeNull();
    const [, email, password] = printed!;
    expect(email).toBe('ops.lead@acme.test');

    const doorway = await startDoorway({ database });
    try {
      const browser = new PortalClient(doorway.url);
      const signedIn = await browser.signIn(email!, password!);
      expect(signedIn.status, JSON.stringify(signedIn.json)).toBe(201);
      expect(signedIn.json).toMatchObject({ user: { email, role: 'admin' }, client: { name: 'Acme Operations', slug: 'acme-ops' } });
      const users = await browser.get('/users');
      expect(users.json.results.map((user: { email: string }) => user.email)).toEqual([email]);
    } finally {
      await doorway.close();
    }

    // The same email cannot be a second client's admin (one account per email): refused before any client is made.
    const again = await run(process.execPath, [main, 'create-client', 'Acme Two', 'acme-two', '--admin-email', email!], { cwd: REPO_ROOT, env }).catch((error: { stdout: string; stderr: string; code: number }) => error);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toBe(`${email} already has a Doorway account (a person belongs to one client). Choose another --admin-email.\n`);
  });
});
