import { z } from 'zod';
import type { Company } from '../../domain/company.js';
import type { Connection, ConnectionStatus, DataConnectionError } from '../../domain/connection.js';
import type { PublicUrls } from '../../domain/public-urls.js';
import type { TokenHealth } from '../../domain/token-refresh.js';

/**
 * The Portal's Companies and Company pages (`/portal/api/companies…`). Bodies are zod schemas the
 * server checks (the domain rules in domain/company.ts still apply after them); responses are
 * types the browser imports as types only.
 */

const tags = z.record(z.string(), z.string({ error: 'Each tag needs a text value.' }), { error: 'Tags must be pairs of a name and a value.' });

export const createCompanyBody = z.object({
  name: z.string({ error: 'Give the company a name.' }),
  description: z.string().nullable().optional(),
  tags: tags.optional(),
});
export type CreateCompanyBody = z.infer<typeof createCompanyBody>;

/** Only what is sent changes; `tags` replaces every tag (`{}` clears them). */
export const updateCompanyBody = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  tags: tags.optional(),
});
export type UpdateCompanyBody = z.infer<typeof updateCompanyBody>;

export type ConnectionSummaryView = Record<ConnectionStatus, number>;

export interface PortalConnectionView {
  id: string;
  platformKey: string;
  platformName: string;
  sourceType: string;
  status: ConnectionStatus;
  created: string;
  linkedAt: string | null;
  /** Straight to this platform's authorization (the Codat `linkUrl`). */
  linkUrl: string;
  /** PendingAuth, Unlinked or Deauthorized: the customer has to (re)connect through `linkUrl`. */
  needsAttention: boolean;
  dataConnectionErrors: DataConnectionError[];
  /** An error that is still Active (shown red whatever the status). */
  errored: boolean;
}

export interface PortalCompanyRow {
  id: string;
  name: string;
  description: string | null;
  tags: Record<string, string>;
  created: string;
  lastSync: string | null;
  /** The company's Hosted Link URL (Codat's `redirect`). */
  linkUrl: string;
  summary: ConnectionSummaryView;
  connections: PortalConnectionView[];
}

export interface PortalCompanyPage {
  items: PortalCompanyRow[];
  total: number;
  page: number;
  pageSize: number;
}

export type TokenHealthView = TokenHealth;

export interface PortalCompanyDetail extends PortalCompanyRow {
  modified: string;
  connections: Array<PortalConnectionView & { tokenHealth: TokenHealthView | null }>;
}

export interface PortalCompanyEvent {
  id: string;
  eventType: string;
  created: string;
  body: unknown;
}

export interface PortalCompanyEventPage {
  items: PortalCompanyEvent[];
  total: number;
  page: number;
  pageSize: number;
}

const NEEDS_ATTENTION: readonly ConnectionStatus[] = ['PendingAuth', 'Unlinked', 'Deauthorized'];

export function portalConnectionView(connection: Connection, urls: PublicUrls, platformName: (key: string) => string): PortalConnectionView {
  return {
    id: connection.id,
    platformKey: connection.integrationKey,
    platformName: platformName(connection.integrationKey),
    sourceType: connection.sourceType,
    status: connection.status,
    created: connection.created,
    linkedAt: connection.linkedAt,
    linkUrl: urls.connectionLink(connection.companyId, connection.id),
    needsAttention: NEEDS_ATTENTION.includes(connection.status),
    dataConnectionErrors: connection.dataConnectionErrors,
    errored: connection.dataConnectionErrors.some((error) => error.status === 'Active'),
  };
}

export function portalCompanyRow(
  company: Company,
  connections: readonly Connection[],
  summary: ConnectionSummaryView,
  urls: PublicUrls,
  platformName: (key: string) => string,
): PortalCompanyRow {
  return {
    id: company.id,
    name: company.name,
    description: company.description,
    tags: company.tags,
    created: company.created,
    lastSync: company.lastSync,
    linkUrl: urls.companyLink(company.id),
    summary,
    connections: connections.map((connection) => portalConnectionView(connection, urls, platformName)),
  };
}
