import type { CompanyWithConnections } from '../../domain/company-view.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { ConnectionTokenRecord } from '../../storage/ports.js';
import { openConnectionCredentials, UnreadableCredentialsError } from '../connections/connection-credentials.js';
import { getCompany } from './get-company.js';

/** How a Linked connection's tokens are doing: what the Codat API does not show. */
export interface TokenHealth {
  lastRefreshedAt: string | null;
  /** The stored access token's expiry; null when the platform did not say, or nothing is stored. */
  accessTokenExpiresAt: string | null;
  /** When the background job refreshes next; null: nothing scheduled. */
  nextRefreshAt: string | null;
  /** The first failure of the current run of failed refreshes; null while refreshing works. */
  failingSince: string | null;
  /** Distinct UTC days with a failed refresh since `failingSince` (so many days Deauthorize it). */
  failureDays: number;
  lastError: string | null;
  /** The stored credentials do not open (a changed encryption key): the connection must be linked again. */
  credentialsUnreadable: boolean;
}

export interface CompanyOverview extends CompanyWithConnections {
  /** By connection id; only connections that hold OAuth tokens have an entry. */
  tokenHealth: Record<string, TokenHealth>;
}

/** The Portal's Company page: the company, its connections, and their token health (two reads). */
export async function getCompanyOverview(deps: Pick<ServiceDeps, 'store' | 'secrets'>, actor: Actor, companyId: string): Promise<CompanyOverview> {
  const found = await getCompany(deps, actor, companyId);
  const records = await deps.store.tokenRefresh.listForCompany(actor.clientId, found.company.id);
  const tokenHealth: Record<string, TokenHealth> = {};
  for (const record of records) {
    const health = tokenHealthOf(deps, record);
    if (health) tokenHealth[record.connectionId] = health;
  }
  return { ...found, tokenHealth };
}

function tokenHealthOf(deps: Pick<ServiceDeps, 'secrets'>, record: ConnectionTokenRecord): TokenHealth | undefined {
  let expiresAt: string | null = null;
  let unreadable = false;
  if (record.sealedCredentials !== null) {
    try {
      const credentials = openConnectionCredentials(deps.secrets, record.connectionId, record.sealedCredentials);
      // A credentials form has no tokens to refresh: no health to show.
      if (credentials.kind !== 'oauth2') return undefined;
      expiresAt = credentials.expiresAt;
    } catch (error) {
      if (!(error instanceof UnreadableCredentialsError)) throw error;
      unreadable = true;
    }
  }
  const state = record.state;
  if (!state && !unreadable && record.sealedCredentials === null) return undefined;
  return {
    lastRefreshedAt: state?.lastRefreshedAt ?? null,
    accessTokenExpiresAt: expiresAt,
    nextRefreshAt: state?.dueAt ?? null,
    failingSince: state?.failingSince ?? null,
    failureDays: state?.failureDays ?? 0,
    lastError: state?.lastError ?? null,
    credentialsUnreadable: unreadable,
  };
}
