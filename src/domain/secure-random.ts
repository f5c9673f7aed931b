import { randomFillSync } from 'node:crypto';

/**
 * Bytes from the operating system's CSPRNG, drawn from a pool refilled 8 KB at a time (as Node's
 * own randomUUID does). Each `randomBytes` call crosses into OpenSSL; a Hosted Link flow needs
 * about twenty small random values (ids, session and state handles, PKCE verifiers, IVs) and the
 * calls cost ~4 % of its CPU. Every byte is handed out once and copied, never shared.
 */
const POOL_SIZE = 8192;

export interface SecureRandom {
  bytes(size: number): Buffer;
}

export function createSecureRandom(): SecureRandom {
  const pool = Buffer.allocUnsafe(POOL_SIZE);
  let offset = POOL_SIZE;
  return {
    bytes(size) {
      if (size > POOL_SIZE / 8) return randomFillSync(Buffer.allocUnsafe(size));
      if (offset + size > POOL_SIZE) {
        randomFillSync(pool);
        offset = 0;
      }
      const out = Buffer.from(pool.subarray(offset, offset + size));
      // Handed-out bytes are zeroed in the pool, so nothing readable keeps a copy.
      pool.fill(0, offset, offset + size);
      offset += size;
      return out;
    },
  };
}
