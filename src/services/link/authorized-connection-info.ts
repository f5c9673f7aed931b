import type { Connection } from '../../domain/connection.js';
import type { TokenSet } from '../../providers/oauth2/index.js';
import { requestConnectionInfo } from '../../providers/oauth2/index.js';
import type { ProviderDefinition } from '../../providers/schema.js';

export interface ConnectionFailure {
  statusCode: string;
  statusText: string;
  errorMessage: string;
}

export type AuthorizedInfo =
  | { ok: true; connectionInfo: Record<string, unknown> | null }
  | { ok: false; kind: 'connection_info' | 'organisation_mismatch'; failure: ConnectionFailure };

/** Read by the business on its Link page: what happened and what to do, no ids. */
export const ORGANISATION_MISMATCH =
  'You signed in to a different organisation from the one this connection was set up with, so nothing was changed. ' +
  'Please connect again and choose the original organisation, or ask the business that sent you this link.';

/**
 * What a just-authorized connection's `connectionInfo` becomes: what it held, plus the callback and
 * token-response metadata, plus the values of the definition's connectionInfo call (made here with
 * the new token). A reconnect that names a different organisation (`organisationField`) than the
 * one the connection already holds is refused: the lender underwrote those books, not the new ones.
 */
export async function authorizedConnectionInfo(
  fetch: typeof globalThis.fetch,
  provider: ProviderDefinition,
  connection: Connection,
  tokens: TokenSet,
  metadata: Record<string, string>,
): Promise<AuthorizedInfo> {
  let info: Record<string, unknown> | null = Object.keys(metadata).length > 0 ? { ...connection.connectionInfo, ...metadata } : connection.connectionInfo;
  const request = provider.auth.type === 'oauth2' ? provider.auth.connectionInfoRequest : undefined;
  if (request) {
    const result = await requestConnectionInfo(request, {
      accessToken: tokens.accessToken,
      connectionInfo: info ?? {},
      tokenHeader: provider.api?.tokenHeader,
      tokenScheme: provider.api?.tokenScheme,
      fetch,
    });
    if (!result.ok) {
      return { ok: false, kind: 'connection_info', failure: { statusCode: result.statusCode, statusText: 'Connection details unavailable', errorMessage: result.message } };
    }
    info = { ...info, ...result.values };
  }
  if (organisationChanged(provider, connection.connectionInfo, info)) {
    return { ok: false, kind: 'organisation_mismatch', failure: { statusCode: '409', statusText: 'Different organisation', errorMessage: ORGANISATION_MISMATCH } };
  }
  return { ok: true, connectionInfo: info };
}

/** True when the connection already names an organisation and `next` names another one. */
export function organisationChanged(provider: ProviderDefinition, previous: Record<string, unknown> | null, next: Record<string, unknown> | null): boolean {
  const field = provider.organisationField;
  if (field === undefined) return false;
  const before = previous?.[field];
  if (before === undefined || before === null || before === '') return false;
  return String(before) !== String(next?.[field] ?? '');
}
