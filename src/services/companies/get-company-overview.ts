import type { CompanyWithConnections } from '../../domain/company-view.js';
import type { TokenHealth } from '../../domain/token-refresh.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { ConnectionTokenRecord } from '../../storage/ports.js';
import { openConnectionCredentials, UnreadableCredentialsError } from '../connections/connection-credentials.js';
import { getCompany } from './get-company.js';

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
