import fs from 'node:fs';
import path from 'node:path';
import { generateEncryptionKey, parseEncryptionKey } from '../security/secret-box.js';
import { ensurePrivateDirectory } from '../storage/kysely/private-files.js';

/**
 * The configured DOORWAY_ENCRYPTION_KEY, or for the embedded default a key generated once into
 * the data directory (mode 0600). Losing that file makes stored secrets unreadable, so it is
 * never regenerated when present.
 */
export function resolveEncryptionKey(configured: string | undefined, dataDir: string): { key: Buffer; generatedAt?: string } {
  if (configured) return { key: parseEncryptionKey(configured) };
  const file = path.join(dataDir, 'encryption.key');
  if (fs.existsSync(file)) return { key: parseEncryptionKey(fs.readFileSync(file, 'utf8')) };
  ensurePrivateDirectory(dataDir);
  const key = generateEncryptionKey();
  // 'wx' fails if another process created the file first; then we read theirs.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key: parseEncryptionKey(key), generatedAt: file };
  } catch {
    return { key: parseEncryptionKey(fs.readFileSync(file, 'utf8')) };
  }
}
