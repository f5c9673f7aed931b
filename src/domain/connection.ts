import { AppError } from './errors.js';
import type { SourceType } from './source-type.js';

export const CONNECTION_STATUSES = ['PendingAuth', 'Linked', 'Unlinked', 'Deauthorized'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface DataConnectionError {
  statusCode: string;
  statusText: string;
  errorMessage: string;
  erroredOnUtc: string;
  status: 'Active' | 'Resolved' | null;
  resolvedOnUtc: string | null;
}

export interface Connection {
  id: string;
  clientId: string;
  companyId: string;
  integrationKey: string;
  sourceType: SourceType;
  status: ConnectionStatus;
  created: string;
  modified: string;
  lastSync: string | null;
  /** When it was first Linked; the Connections SDK shows it. */
  linkedAt: string | null;
  connectionInfo: Record<string, unknown> | null;
  dataConnectionErrors: DataConnectionError[];
}

/**
 * The connection lifecycle (codat-spec §2). Each allowed move is listed once here; services ask
 * `assertTransition` instead of comparing statuses themselves.
 */
const TRANSITIONS: Record<ConnectionStatus, readonly ConnectionStatus[]> = {
  PendingAuth: ['Linked', 'PendingAuth'],
  Linked: ['Unlinked', 'Deauthorized', 'Linked'],
  Unlinked: ['Linked'],
  Deauthorized: ['Linked'],
};

export function canTransition(from: ConnectionStatus, to: ConnectionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ConnectionStatus, to: ConnectionStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', `A connection cannot move from ${from} to ${to}.`);
  }
}

/**
 * The connection after a successful authorization: Linked (first link or reconnect), its first
 * link time kept, and every active error resolved, as Codat shows them (`resolvedOnUtc`).
 */
export function linkedConnection(connection: Connection, now: string, connectionInfo: Connection['connectionInfo']): Connection {
  assertTransition(connection.status, 'Linked');
  return {
    ...connection,
    status: 'Linked',
    modified: now,
    linkedAt: connection.linkedAt ?? now,
    connectionInfo,
    dataConnectionErrors: connection.dataConnectionErrors.map((e) => (e.status === 'Active' ? { ...e, status: 'Resolved', resolvedOnUtc: now } : e)),
  };
}

/** Statuses the PATCH unlink endpoint accepts as a target: only Unlinked, and only from Linked. */
export function assertUnlinkable(current: ConnectionStatus, requested: ConnectionStatus): void {
  if (requested !== 'Unlinked') {
    throw new AppError('BAD_REQUEST', `Only status 'Unlinked' can be set through this endpoint; '${requested}' was requested.`);
  }
  if (current !== 'Linked') {
    throw new AppError('CONFLICT', `Only Linked connections can be unlinked; this connection is ${current}.`);
  }
}

/**
 * The connection once its grant is gone (revoked, expired, or refreshes failing for days): Deauthorized,
 * with the reason as an Active error entry (the latest 20 kept), until the business links it again.
 */
export function deauthorizedConnection(
  connection: Connection,
  now: string,
  failure: Pick<DataConnectionError, 'statusCode' | 'statusText' | 'errorMessage'>,
): Connection {
  assertTransition(connection.status, 'Deauthorized');
  const entry: DataConnectionError = { ...failure, erroredOnUtc: now, status: 'Active', resolvedOnUtc: null };
  return { ...connection, status: 'Deauthorized', modified: now, dataConnectionErrors: [...connection.dataConnectionErrors, entry].slice(-20) };
}
