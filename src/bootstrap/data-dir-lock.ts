import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDirectory, PRIVATE_FILE_MODE } from '../storage/kysely/private-files.js';

/**
 * One Doorway process per SQLite data directory. SQLite itself would accept a second process,
 * but the delivery worker's claim relies on being the only writer (there is no SKIP LOCKED), so
 * two processes could deliver the same message twice at once. Deployments that need several
 * processes use PostgreSQL.
 * - `doorway.lock` holds the owner's pid and is created with O_EXCL (`wx`), so exactly one of
 *   two processes starting together wins.
 * - A lock whose pid is no longer running (a crash, a kill -9) is stale and taken over. So is
 *   one naming our own pid: in a container the restarted process often gets the same pid.
 */
export const LOCK_FILE_NAME = 'doorway.lock';

/** A lock file with no pid yet may belong to a process between create and write; respect it this long. */
const UNWRITTEN_LOCK_GRACE_MS = 10_000;

export interface DataDirLock {
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  ensurePrivateDirectory(dataDir);
  const file = path.join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner === 'gone') continue;
      if (owner === 'starting' || (typeof owner === 'number' && owner !== process.pid && isRunning(owner))) {
        const who = typeof owner === 'number' ? `pid ${owner}` : 'a process that is starting';
        throw new Error(
          `Another Doorway process (${who}) owns the data directory ${path.resolve(dataDir)} (lock file ${path.resolve(file)}). ` +
            'Stop it first, or use PostgreSQL to run several processes.',
        );
      }
      fs.rmSync(file, { force: true }); // stale: its owner is gone
      continue;
    }
    try {
      fs.writeSync(fd, `${process.pid}\n`);
    } finally {
      fs.closeSync(fd);
    }
    return lockHandle(file);
  }
  throw new Error(`Could not acquire the lock file ${path.resolve(file)}`);
}

function lockHandle(file: string): DataDirLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // Only remove the file if it is still ours (another process may have taken over a lock
      // it judged stale, e.g. after this one was suspended for a long time).
      if (readOwner(file) === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

/** The pid in the lock file; 'starting' for a just-created empty file; 'gone' if it vanished. */
function readOwner(file: string): number | 'starting' | 'stale' | 'gone' {
  let text: string;
  let modifiedMs: number;
  try {
    text = fs.readFileSync(file, 'utf8');
    modifiedMs = fs.statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (Number.isInteger(pid) && pid > 0 && /^\d+$/.test(text.trim())) return pid;
  return Date.now() - modifiedMs < UNWRITTEN_LOCK_GRACE_MS && text.trim() === '' ? 'starting' : 'stale';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
