import { toIso } from '../../domain/clock.js';
import type { ConnectionCredentials } from '../../domain/connection-credentials.js';
import type { ServiceDeps } from '../deps.js';
import { openConnectionCredentials, UnreadableCredentialsError } from './connection-credentials.js';

/** Where the export goes, a chunk at a time (the caller owns the file, its mode and its closing). */
export interface ExportWriter {
  write(text: string): Promise<void>;
}

export interface ExportSummary {
  connections: number;
  /** Connections whose credentials did not open (reported in the file, not fatal). */
  unreadable: number;
}

/** Bump when the shape of an exported connection changes incompatibly. */
export const CONNECTION_EXPORT_VERSION = 1;

const PAGE_SIZE = 500;

interface ExportedConnection {
  clientId: string;
  companyId: string;
  companyName: string;
  connectionId: string;
  platformKey: string;
  sourceType: string;
  status: string;
  connectionInfo: Record<string, unknown> | null;
  /** Decrypted: OAuth tokens (refresh token included) or the form's fields; null when never Linked or unreadable. */
  credentials: ConnectionCredentials | null;
  /** Why `credentials` is null although the row holds some (e.g. another encryption key). */
  credentialsError?: string;
}

/**
 * Writes every connection of every client, credentials decrypted, as one JSON document
 * (`{version, exportedAt, connections: [...]}`) for moving to another system: no lock-in. Rows are
 * read a page at a time in id order and written as they come, so memory stays flat however many
 * connections there are. A connection whose credentials cannot be opened is exported with
 * `credentials: null` and the reason, and counted; the export goes on.
 */
export async function exportConnections(deps: Pick<ServiceDeps, 'store' | 'secrets' | 'clock'>, writer: ExportWriter): Promise<ExportSummary> {
  const summary: ExportSummary = { connections: 0, unreadable: 0 };
  await writer.write(`{"version":${CONNECTION_EXPORT_VERSION},"exportedAt":${JSON.stringify(toIso(deps.clock.now()))},"connections":[`);
  let afterId: string | null = null;
  for (;;) {
    const rows = await deps.store.connections.pageAcrossClients(afterId, PAGE_SIZE);
    for (const { connection, companyName, credentialsSealed } of rows) {
      const entry: ExportedConnection = {
        clientId: connection.clientId,
        companyId: connection.companyId,
        companyName,
        connectionId: connection.id,
        platformKey: connection.integrationKey,
        sourceType: connection.sourceType,
        status: connection.status,
        connectionInfo: connection.connectionInfo,
        credentials: null,
      };
      if (credentialsSealed !== null) {
        try {
          entry.credentials = openConnectionCredentials(deps.secrets, connection.id, credentialsSealed);
        } catch (error) {
          if (!(error instanceof UnreadableCredentialsError)) throw error;
          entry.credentialsError = error.message;
          summary.unreadable += 1;
        }
      }
      await writer.write(`${summary.connections === 0 ? '' : ','}\n${JSON.stringify(entry)}`);
      summary.connections += 1;
    }
    const last = rows.at(-1);
    if (rows.length < PAGE_SIZE || !last) break;
    afterId = last.connection.id;
  }
  await writer.write(`${summary.connections === 0 ? '' : '\n'}]}\n`);
  return summary;
}
