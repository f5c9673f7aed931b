import { z } from '@hono/zod-openapi';
import { CONNECTION_STATUSES, type Connection } from '../../domain/connection.js';
import { SOURCE_TYPES } from '../../domain/source-type.js';
import { deriveIntegrationId, deriveSourceId } from '../../providers/deterministic-id.js';
import { pageOf } from './paging.js';
import type { WireContext } from './wire-context.js';

export const DataConnectionErrorSchema = z.object({
  statusCode: z.string(),
  statusText: z.string(),
  errorMessage: z.string(),
  erroredOnUtc: z.string(),
  status: z.enum(['Active', 'Resolved']).nullable(),
  resolvedOnUtc: z.string().optional(),
});

export const ConnectionSchema = z
  .object({
    id: z.uuid(),
    integrationId: z.uuid(),
    integrationKey: z.string(),
    sourceId: z.uuid(),
    sourceType: z.enum(SOURCE_TYPES),
    platformName: z.string(),
    linkUrl: z.url(),
    status: z.enum(CONNECTION_STATUSES),
    lastSync: z.string().optional(),
    created: z.string(),
    dataConnectionErrors: z.array(DataConnectionErrorSchema).nullable(),
    connectionInfo: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('Connection');

export const ConnectionsSchema = pageOf(ConnectionSchema, 'Connections');

export const CreateConnectionBody = z
  .object({ platformKey: z.string().regex(/^[a-z]{4}$/, 'platformKey must be four lower-case letters').openapi({ example: 'gbol' }) })
  .openapi('CreateConnection');

export const UpdateConnectionStatus = z
  .object({ status: z.enum(CONNECTION_STATUSES).openapi({ example: 'Unlinked' }) })
  .strict()
  .openapi('UpdateConnectionStatus');

export const AuthorizationBody = z.record(z.string(), z.string().max(10_000)).openapi('ConnectionAuthorization', {
  example: { accessToken: '0000-0000', businessId: 'test-business-1234' },
});

/**
 * Which integration and source a connection belongs to, as Codat names them: shared by the
 * Codat `Connection` and the Link UI's connection (the Link SDK's `ConnectionCallbackArgs`), so
 * both always name the same ids. A platform no longer in the catalogue keeps its derived ids.
 */
export function connectionSource(ctx: Pick<WireContext, 'providers'>, connection: Pick<Connection, 'integrationKey' | 'sourceType'>) {
  const provider = ctx.providers.get(connection.integrationKey);
  return {
    integrationId: provider?.integrationId ?? deriveIntegrationId(connection.integrationKey),
    sourceId: provider?.sourceId ?? deriveSourceId(connection.integrationKey),
    sourceType: connection.sourceType,
  };
}

/**
 * Domain → Codat `Connection`. Optional fields that are null are omitted rather than sent as
 * null, because Codat's SDK validates them as `string | undefined`.
 */
export function toConnectionOut(ctx: WireContext, connection: Connection): z.infer<typeof ConnectionSchema> {
  const provider = ctx.providers.get(connection.integrationKey);
  const { integrationId, sourceId, sourceType } = connectionSource(ctx, connection);
  return {
    id: connection.id,
    integrationId,
    integrationKey: connection.integrationKey,
    sourceId,
    sourceType,
    platformName: provider?.name ?? connection.integrationKey,
    linkUrl: ctx.urls.connectionLink(connection.companyId, connection.id),
    status: connection.status,
    ...(connection.lastSync ? { lastSync: connection.lastSync } : {}),
    created: connection.created,
    dataConnectionErrors: connection.dataConnectionErrors.map((e) => ({
      statusCode: e.statusCode,
      statusText: e.statusText,
      errorMessage: e.errorMessage,
      erroredOnUtc: e.erroredOnUtc,
      status: e.status,
      ...(e.resolvedOnUtc ? { resolvedOnUtc: e.resolvedOnUtc } : {}),
    })),
    connectionInfo: connection.connectionInfo,
  };
}
