import { toIso } from '../../domain/clock.js';
import type { Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { requireCompany } from '../companies/require-company.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireIntegration } from '../integrations/require-integration.js';

/**
 * Creates a PendingAuth connection whose `linkUrl` sends the SMB straight to the platform's
 * authorization. A company may hold only one active (Linked) accounting connection: asking for
 * another while one is Linked is a 409, so nobody pays for a duplicate link by mistake.
 */
export async function createConnection(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'providers' | 'events'>,
  actor: Actor,
  companyId: string,
  platformKey: string,
): Promise<Connection> {
  return deps.store.transaction(async (tx) => {
    const company = await requireCompany(tx, actor.clientId, companyId);
    const integration = await requireIntegration({ store: tx, providers: deps.providers }, actor.clientId, platformKey);
    if (!integration.enabled) {
      throw new AppError(
        'BAD_REQUEST',
        `Integration ${platformKey} (${integration.provider.name}) is not enabled for this client. Enable it with PUT /integrations/${platformKey}/settings.`,
      );
    }
    const sourceType = integration.provider.sourceType;
    if (sourceType === 'Accounting' && (await tx.connections.hasLinkedAccounting(actor.clientId, company.id))) {
      throw new AppError(
        'CONFLICT',
        'This company already has a Linked accounting connection; a company may have only one. Unlink or delete it first.',
      );
    }
    const now = toIso(deps.clock.now());
    const connection: Connection = {
      id: newId(),
      clientId: actor.clientId,
      companyId: company.id,
      integrationKey: integration.provider.key,
      sourceType,
      status: 'PendingAuth',
      created: now,
      modified: now,
      lastSync: null,
      linkedAt: null,
      connectionInfo: null,
      dataConnectionErrors: [],
    };
    await tx.connections.insert(connection);
    await deps.events.publish(tx, { type: 'connection.created', company, connection });
    return connection;
  });
}
