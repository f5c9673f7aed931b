import { z } from '@hono/zod-openapi';
import type { UsableConnection } from '../../services/connections/get-usable-connection.js';

/**
 * Doorway extension: what a client needs to call a platform for a Linked connection itself.
 * Never a refresh token: Doorway keeps refreshing, so a client holding one could only race it.
 */
const ConnectionInfo = z.record(z.string(), z.unknown()).nullable();

export const ConnectionOAuthTokenSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.string().openapi({ description: 'As the platform named it, lower-cased (`bearer`); the scheme is case-insensitive.', example: 'bearer' }),
    expiresAt: z.string().optional().openapi({ description: 'ISO-8601; omitted when the platform did not say.' }),
    scopes: z.array(z.string()),
    connectionInfo: ConnectionInfo,
  })
  .openapi('ConnectionOAuthToken');

export const ConnectionCredentialFieldsSchema = z
  .object({
    fields: z.record(z.string(), z.string()).openapi({ description: 'The values the business entered in the platform\'s connection form (or `PUT /authorization` set).' }),
    connectionInfo: ConnectionInfo,
  })
  .openapi('ConnectionCredentialFields');

export const ConnectionAccessTokenSchema = z.union([ConnectionOAuthTokenSchema, ConnectionCredentialFieldsSchema]).openapi('ConnectionAccessToken');

export const AccessTokenQuery = z.object({
  forceRefresh: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Refresh the token at the platform first even though it is still valid (e.g. the platform just answered 401).' }),
});

export function toConnectionAccessTokenOut(usable: UsableConnection): z.infer<typeof ConnectionAccessTokenSchema> {
  const { credentials, connection } = usable;
  if (credentials.kind === 'fields') return { fields: credentials.fields, connectionInfo: connection.connectionInfo };
  return {
    accessToken: credentials.accessToken,
    tokenType: credentials.tokenType,
    ...(credentials.expiresAt ? { expiresAt: credentials.expiresAt } : {}),
    scopes: credentials.scopes,
    connectionInfo: connection.connectionInfo,
  };
}
