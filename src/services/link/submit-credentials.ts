import type { Connection } from '../../domain/connection.js';
import { fieldCredentials } from '../../domain/connection-credentials.js';
import { AppError } from '../../domain/errors.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import { compileFieldPattern } from '../../providers/connection-field-schema.js';
import { toIso } from '../../domain/clock.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import { authorizationRedirect, needsForm, type AuthorizationNext } from './give-consent.js';
import type { LinkDeps } from './link-deps.js';
import { markLinkedFromLink, recordConnectionFailure } from './connection-outcome.js';
import { organisationChanged, ORGANISATION_MISMATCH } from './authorized-connection-info.js';
import { requireOfferedInVisit } from './link-integrations.js';
import { recordLinkEvent } from './record-link-event.js';
import { requireLinkConnection } from './require-link-connection.js';

export interface CredentialsOutcome {
  connection: Connection;
  /** For an OAuth platform the form only collected what its URLs need: authorization comes next. */
  next?: AuthorizationNext;
}

/**
 * The connection form. For an API-key platform every value is checked against the provider's
 * field definitions, all are sealed together and the connection is Linked; non-secret values are
 * also kept in `connectionInfo` so the client can see e.g. the store URL. For an OAuth platform
 * with fields (Shopify's shop, Zoho's data centre) the values go to `connectionInfo` and the
 * answer sends the browser on to the platform.
 */
export async function submitCredentials(
  deps: Pick<LinkDeps, 'store' | 'clock' | 'providers' | 'secrets' | 'events' | 'urls' | 'authorizeTickets'>,
  session: LinkSession,
  connectionId: string,
  values: Record<string, string>,
): Promise<CredentialsOutcome> {
  const connection = await requireLinkConnection(deps.store, session, connectionId);
  const provider = deps.providers.get(connection.integrationKey);
  if (!provider || !needsForm(provider)) throw new AppError('BAD_REQUEST', 'This platform does not use a form.');
  await requireOfferedInVisit(deps, session, provider);
  const accepted = validFormValues(provider, values);
  const visible = Object.fromEntries(provider.connectionConfig.filter((f) => !f.secret && accepted[f.name]).map((f) => [f.name, accepted[f.name]!]));
  if (organisationChanged(provider, connection.connectionInfo, { ...connection.connectionInfo, ...visible })) {
    // Another shop or store is other books: the connection keeps what it had.
    await recordConnectionFailure(deps, connection, { statusCode: '409', statusText: 'Different organisation', errorMessage: ORGANISATION_MISMATCH });
    await recordLinkEvent(deps, session, 'failed', { connectionId, platformKey: provider.key, sourceType: provider.sourceType, detail: { kind: 'organisation_mismatch' } });
    throw new AppError('CONFLICT', ORGANISATION_MISMATCH);
  }
  if (provider.auth.type !== 'credentials') {
    const prepared: Connection = { ...connection, connectionInfo: { ...connection.connectionInfo, ...visible }, modified: toIso(deps.clock.now()) };
    await deps.store.connections.update(prepared);
    return { connection: prepared, next: authorizationRedirect(deps, session, connectionId) };
  }
  const linked = await markLinkedFromLink(deps, connection, fieldCredentials(accepted), { ...connection.connectionInfo, ...visible });
  await recordLinkEvent(deps, session, 'connected', { connectionId, platformKey: provider.key, sourceType: provider.sourceType });
  return { connection: linked };
}

/** Every value checked against the provider's field definitions, with messages naming the field. */
function validFormValues(provider: ProviderDefinition, values: Record<string, string>): Record<string, string> {
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
  return accepted;
}
