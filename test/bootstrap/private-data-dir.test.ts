/**
 * The embedded database holds every tenant's data and the key that opens their secrets: its
 * directory (when Doorway creates it) and files are the service user's alone (0700 / 0600),
 * whatever the umask, and an older install's world-readable files are narrowed at the next start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDoorway } from '../support/start-doorway.js';

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe('the SQLite data directory is private', () => {
  let root: string;
  let previousUmask: number;
  beforeEach(() => {
    previousUmask = process.umask(0o022); // the common default, which makes new files 0644
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-private-'));
  });
  afterEach(() => {
    process.umask(previousUmask);
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function modesWhileRunning(dataDir: string): Promise<Record<string, string>> {
    const filename = path.join(dataDir, 'doorway.db');
    const doorway = await startDoorway({ config: { dataDir, database: { kind: 'sqlite', filename }, encryptionKey: undefined } });
    try {
      expect((await doorway.api('POST', '/companies', { name: 'Private Ltd' })).status).toBe(200);
      const modes: Record<string, string> = { '.': modeOf(dataDir) };
      for (const name of ['doorway.db', 'doorway.db-wal', 'doorway.db-shm', 'encryption.key', 'doorway.lock']) modes[name] = modeOf(path.join(dataDir, name));
      return modes;
    } finally {
      await doorway.close();
    }
  }

  const PRIVATE = { '.': '700', 'doorway.db': '600', 'doorway.db-wal': '600', 'doorway.db-shm': '600', 'encryption.key': '600', 'doorway.lock': '600' };

  it('creates the directory 0700 and the database, its -wal and -shm, the key and the lock 0600 under umask 022', async () => {
    expect(await modesWhileRunning(path.join(root, 'data'))).toEqual(PRIVATE);
  });

  it('narrows the database of an older install that other users could read', async () => {
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    const old = new SqliteDatabase(path.join(dataDir, 'doorway.db'));
    old.pragma('journal_mode = WAL');
    old.close();
    expect(modeOf(path.join(dataDir, 'doorway.db'))).toBe('644');
    // The directory existed already (it may be the operator's): left as it was; its files are private.
    expect(await modesWhileRunning(dataDir)).toEqual({ ...PRIVATE, '.': '755' });
  });
});
