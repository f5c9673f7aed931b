import { createHash } from 'node:crypto';

/**
 * Namespace for every id Doorway derives from a platform key. Never change it: the ids derived from
 * it are returned by the Integrations API and stored on connections, so they must be the same on
 * every restart and every machine of a deployment.
 */
const DOORWAY_PROVIDER_NAMESPACE = '80d26dd3-eb23-4be4-baa7-1c109941d1f9';

/**
 * RFC 9562 UUIDv5: SHA-1 over the namespace bytes and the name, with the version and variant bits
 * set. Name-based, so the same (namespace, name) pair always gives the same id.
 */
export function uuidV5(name: string, namespace: string): string {
  const namespaceHex = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(namespaceHex)) throw new Error(`Invalid UUID namespace: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(namespaceHex, 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Codat's `integrationId` for a platform key when the definition does not pin one. */
export function deriveIntegrationId(platformKey: string): string {
  return uuidV5(`integration:${platformKey}`, DOORWAY_PROVIDER_NAMESPACE);
}

/** Codat's `sourceId` for a platform key; distinct from the integration id, as in Codat. */
export function deriveSourceId(platformKey: string): string {
  return uuidV5(`source:${platformKey}`, DOORWAY_PROVIDER_NAMESPACE);
}
