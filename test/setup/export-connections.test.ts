/**
 * `doorway export-connections FILE` as an operator runs it (the built `node dist/src/main.js`),
 * on both databases: every connection of every client, a Sandbox-linked one with its refresh
 * token, paged past one page of rows, a row sealed under another key reported rather than fatal,
 * the file created 0600, and an existing file never overwritten.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauth2Credentials } from '../../src/domain/connection-credentials.js';
import { createSecretBox } from '../../src/security/secret-box.js';
import { readConnectionCredentials, saveConnectionCredentials } from '../../src/services/connections/connection-credentials.js';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../support/databases.js';
import { buildDoorway, REPO_ROOT } from '../support/doorway-processes.js';
import { authorizeThroughSandbox, HttpLinkClient } from '../support/http-link-client.js';
import { startDoorway, TEST_API_KEY, TEST_ENCRYPTION_KEY } from '../support/start-doorway.js';
import { buildClient, buildCompany, buildConnection } from '../storage/contract/fixtures.js';

const run = promisify(execFile);

beforeAll(() => buildDoorway(), 180_000);

describe.each(TEST_DIALECTS)('doorway export-connections on %s', (dialect) => {
  let database: TestDatabase;
  const expected = { sandboxConnectionId: '', refreshToken: '', unreadableId: '', total: 0 };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const doorway = await startDoorway({ database });
    try {
      const company = await doorway.api('POST', '/companies', { name: 'Exported Ltd' });
      const browser = new HttpLinkClient(doorway.url);
      const { sessionId } = await browser.open(`/link/company/${company.json.id}`);
      const { connectionId } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      const { store, secrets } = doorway.runtime.deps;
      const credentials = await readConnectionCredentials(store, secrets, { clientId: doorway.runtime.defaultClient.client.id, id: connectionId });
      expect(credentials?.kind === 'oauth2' && credentials.refreshToken).toMatch(/^sbx2\./);
      expected.sandboxConnectionId = connectionId;
      expected.refreshToken = credentials?.kind === 'oauth2' ? (credentials.refreshToken ?? '') : '';

      // Another client with more connections than one page of the export (500), one of them
      // sealed under a different key.
      const other = buildClient();
      await store.clients.insert(other);
      const otherCompany = buildCompany(other.id, { name: 'Bulk Co' });
      await store.companies.insert(otherCompany);
      await store.transaction(async (tx) => {
        for (let n = 0; n < 510; n += 1) await tx.connections.insert(buildConnection(otherCompany));
      });
      const unreadable = buildConnection(otherCompany, { status: 'Linked' });
      await store.connections.insert(unreadable);
      const tokens = { accessToken: 'a', refreshToken: 'r', tokenType: 'bearer', expiresAt: null, scope: null, idToken: null };
      await saveConnectionCredentials(store, createSecretBox(Buffer.alloc(32, 1)), unreadable, oauth2Credentials(tokens));
      expected.unreadableId = unreadable.id;
      expected.total = 1 + 510 + 1;
    } finally {
      await doorway.close();
    }
  }, 120_000);

  afterAll(async () => database?.drop());

  const exportTo = async (file: string) => {
    const databaseUrl = database.config.kind === 'sqlite' ? `sqlite:${database.config.filename}` : database.config.connectionString;
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      DATA_DIR: database.dataDir,
      DOORWAY_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      DOORWAY_API_KEY: TEST_API_KEY,
      LOG_LEVEL: 'silent',
    };
    return run(process.execPath, [path.join(REPO_ROOT, 'dist/src/main.js'), 'export-connections', file], { cwd: REPO_ROOT, env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  };

  it('writes every connection with decrypted credentials to a new 0600 file, and never overwrites it', { timeout: 60_000 }, async () => {
    const file = path.join(database.dataDir, 'export.json');
    const result = await exportTo(file);
    expect(result.stderr).toContain('1 connections\' credentials could not be opened');
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`Exported ${expected.total} connections to ${file}`) });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; exportedAt: string; connections: Array<Record<string, any>> };
    expect(exported.version).toBe(1);
    expect(Date.parse(exported.exportedAt)).not.toBeNaN();
    expect(exported.connections).toHaveLength(expected.total);
    const ids = exported.connections.map((c) => c.connectionId as string);
    expect(new Set(ids).size).toBe(expected.total);

    const sandbox = exported.connections.find((c) => c.connectionId === expected.sandboxConnectionId);
    expect(sandbox).toMatchObject({
      companyName: 'Exported Ltd',
      platformKey: 'mqjo',
      sourceType: 'Accounting',
      status: 'Linked',
      connectionInfo: { dataset: 'uk-retailer' },
      credentials: { kind: 'oauth2', refreshToken: expected.refreshToken, accessToken: expect.stringMatching(/^sbx2\./) },
    });
    const unreadable = exported.connections.find((c) => c.connectionId === expected.unreadableId);
    expect(unreadable).toMatchObject({ companyName: 'Bulk Co', credentials: null, credentialsError: expect.stringContaining('encryption key') });
    const pending = exported.connections.find((c) => c.status === 'PendingAuth');
    expect(pending).toMatchObject({ credentials: null });
    expect(pending).not.toHaveProperty('credentialsError');

    const before = fs.readFileSync(file, 'utf8');
    const again = await exportTo(file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});
