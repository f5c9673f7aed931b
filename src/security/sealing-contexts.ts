/**
 * Every AAD string Doorway seals a secret with, in one place. The AAD binds a ciphertext to its
 * owner, so a sealed value copied onto another row (another connection, another tenant's
 * integration) does not open.
 *
 * These strings are part of the data at rest: ciphertexts already in users' databases were sealed
 * with exactly these values. Never change an existing one; a new kind of secret gets a new entry
 * with a prefix of its own.
 */
export const SEALING = {
  /** A connection's token set or credential fields (`connections.credentials_sealed`). */
  connectionCredentials: (connectionId: string) => `connection:${connectionId}`,
  /** A webhook consumer's Standard Webhooks signing secret, current and previous alike. */
  webhookSecret: (consumerId: string) => `webhook-consumer:${consumerId}`,
  /** A client's OAuth app secret for one platform (integration settings). */
  integrationClientSecret: (clientId: string, platformKey: string) => `integration:${clientId}:${platformKey}`,
  /** The PKCE code verifier kept with a single-use OAuth state. */
  oauthStateVerifier: (stateId: string) => `oauth-state:${stateId}`,
} as const;
