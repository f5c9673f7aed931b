import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database holds every tenant's data, so its directory (0700) and files (0600)
 * belong to the service's user alone, whatever the umask: modes are set explicitly, not left to
 * the umask. Files that other users could read (an older install) are narrowed at the next start.
 * A directory that already exists is left as it is: it may be the operator's (DATABASE_URL
 * `sqlite:./doorway.db` puts the database in the working directory), and with its files 0600 it
 * gives away their names only.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700 if it does not exist yet. */
export function ensurePrivateDirectory(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrow(dir, PRIVATE_DIR_MODE); // a umask such as 0277 would have taken the owner's bits too
}

/**
 * Creates the SQLite database file 0600 before SQLite opens it: SQLite gives its `-wal` and
 * `-shm` files the database file's mode, so they are private too. Existing ones are narrowed.
 */
export function ensurePrivateDatabaseFiles(filename: string): void {
  const file = path.resolve(filename);
  ensurePrivateDirectory(path.dirname(file));
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(each)) narrow(each, PRIVATE_FILE_MODE);
  }
}

function narrow(target: string, mode: number): void {
  if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
}
