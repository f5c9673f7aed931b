import type { Connection } from '../../domain/connection.js';
import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { compileFieldPattern } from '../../providers/connection-field-schema.js';
import type { ServiceDeps } from '../deps.js';
import { markConnectionLinked } from './connection-outcome.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireLinkConnection } from './require-link-connection.js';

/**
 * The credentials form of an API-key platform: every value is checked against the provider's
 * field definitions, then all of them are sealed together (secret or not) and the connection is Linked.
 * Non-secret values are also kept in `connectionInfo` so the client can see e.g. the store URL.
 */
export async function submitCredentials(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'providers' | 'secrets' | 'events'>,
  session: LinkSession,
  connectionId: string,
  values: Record<string, string>,
): Promise<Connection> {
  const connection = await requireLinkConnection(deps.store, session, connectionId);
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider || provider.auth.type !== 'credentials') throw new AppError('BAD_REQUEST', 'This platform does not use a credentials form.');
  const accepted: Record<string, string> = {};
  for (const field of provider.connectionConfig) {
    const value = (values[field.name] ?? '').trim();
    if (!value) {
      if (field.required) throw new AppError('BAD_REQUEST', `${field.label} is required.`);
      continue;
    }
    if (value.length > 2000) throw new AppError('BAD_REQUEST', `${field.label} is too long.`);
    if (field.pattern && !compileFieldPattern(field.pattern).test(value)) throw new AppError('BAD_REQUEST', `${field.label} does not look right.`);
    if (field.type === 'select' && !field.options?.some((option) => option.value === value)) {
      throw new AppError('BAD_REQUEST', `Choose one of the options for ${field.label}.`);
    }
    if (field.type === 'url' && !/^https?:\/\/[^\s]+$/.test(value)) throw new AppError('BAD_REQUEST', `${field.label} must be a web address starting with https://.`);
    accepted[field.name] = value;
  }
  const visible = Object.fromEntries(provider.connectionConfig.filter((f) => !f.secret && accepted[f.name]).map((f) => [f.name, accepted[f.name]!]));
  const linked = await markConnectionLinked(deps, connection, accepted, { ...connection.connectionInfo, ...visible });
  await recordLinkEvent(deps, session, 'connected', { connectionId, platformKey: provider.key, sourceType: provider.sourceType });
  return linked;
}
