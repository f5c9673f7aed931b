import { z } from 'zod';
import type { ConnectionCredentials } from '../../domain/connection-credentials.js';
import { SEALING } from '../../security/sealing-contexts.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { Store } from '../../storage/ports.js';

const tokenSetShape = {
  accessToken: z.string().min(1),
  refreshToken: z.string().nullable(),
  tokenType: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  scope: z.string().nullable(),
  idToken: z.string().nullable(),
};
const fieldValues = z.record(z.string(), z.string());

const StoredCredentials = z.discriminatedUnion('kind', [
  // `obtainedAt` came later: rows without it still open (the margin then ignores the lifetime).
  z.object({ kind: z.literal('oauth2'), ...tokenSetShape, obtainedAt: z.iso.datetime({ offset: true }).optional() }),
  z.object({ kind: z.literal('fields'), fields: fieldValues }),
]);
/**
 * Rows sealed before `kind` was stored: the Link flow wrote the engine's token set as it was
 * (always all six keys), the form and `PUT /authorization` wrote the bare field values.
 */
const LegacyTokenSet = z.strictObject(tokenSetShape);

/** A stored row that cannot be opened or read: a changed encryption key, or a damaged row. */
export class UnreadableCredentialsError extends Error {
  constructor(connectionId: string, reason: string, options?: ErrorOptions) {
    super(`The stored credentials of connection ${connectionId} cannot be read: ${reason}`, options);
    this.name = 'UnreadableCredentialsError';
  }
}

export function sealConnectionCredentials(secrets: SecretBox, connectionId: string, credentials: ConnectionCredentials): string {
  return secrets.seal(JSON.stringify(credentials), SEALING.connectionCredentials(connectionId));
}

/** Opens and validates a sealed value; anything that is not a credential set is a clear error, never a half-read object. */
export function openConnectionCredentials(secrets: SecretBox, connectionId: string, sealed: string): ConnectionCredentials {
  let plaintext: string;
  try {
    plaintext = secrets.open(sealed, SEALING.connectionCredentials(connectionId));
  } catch (error) {
    throw new UnreadableCredentialsError(connectionId, 'it does not open with this encryption key (was the key changed, or the value copied from another row?)', { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch (error) {
    throw new UnreadableCredentialsError(connectionId, 'it is not JSON', { cause: error });
  }
  return parseStoredCredentials(connectionId, value);
}

function parseStoredCredentials(connectionId: string, value: unknown): ConnectionCredentials {
  const current = StoredCredentials.safeParse(value);
  if (current.success) return current.data;
  // A row that names one of our kinds was written by this module: it must be valid as such, not
  // rescued as legacy fields (a legacy form with a field called `kind` holding exactly that is not plausible).
  if (!hasKnownKind(value)) {
    const legacyTokens = LegacyTokenSet.safeParse(value);
    if (legacyTokens.success) return { kind: 'oauth2', ...legacyTokens.data };
    const legacyFields = fieldValues.safeParse(value);
    if (legacyFields.success) return { kind: 'fields', fields: legacyFields.data };
  }
  // Name the offending paths, never the values: they are secrets.
  const paths = current.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
  throw new UnreadableCredentialsError(connectionId, `not a token set or credential fields (check ${[...new Set(paths)].join(', ')})`);
}

/** Seals and stores a connection's credentials; call it with the transaction's store. */
export async function saveConnectionCredentials(
  store: Store,
  secrets: SecretBox,
  connection: { clientId: string; id: string },
  credentials: ConnectionCredentials,
): Promise<void> {
  await store.connections.saveCredentials(connection.clientId, connection.id, sealConnectionCredentials(secrets, connection.id, credentials));
}

/** A connection's credentials, or null when it has none (never Linked). */
export async function readConnectionCredentials(
  store: Store,
  secrets: SecretBox,
  connection: { clientId: string; id: string },
): Promise<ConnectionCredentials | null> {
  const sealed = await store.connections.readCredentials(connection.clientId, connection.id);
  return sealed === null ? null : openConnectionCredentials(secrets, connection.id, sealed);
}

function hasKnownKind(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return value.kind === 'oauth2' || value.kind === 'fields';
}
