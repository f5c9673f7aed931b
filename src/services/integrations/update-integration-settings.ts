import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { toIntegrationView, type IntegrationView } from './integration-view.js';
import { requireIntegration } from './require-integration.js';
import { SEALING } from '../../security/sealing-contexts.js';

export interface IntegrationSettingsInput {
  enabled: boolean;
  /** OAuth app client id; omit to keep the stored one. */
  clientId?: string | null | undefined;
  /** OAuth app client secret; omit to keep the stored one, null to remove it. Sealed at rest. */
  clientSecret?: string | null | undefined;
  /** Scopes to request instead of the provider's defaults; null restores the defaults. */
  scopes?: string[] | null | undefined;
}

/**
 * Doorway extension: a client's own settings for one platform. Enabling an OAuth platform needs
 * its OAuth app (client id and secret), otherwise the SMB would hit a dead end mid-flow.
 */
export async function updateIntegrationSettings(
  deps: Pick<ServiceDeps, 'store' | 'providers' | 'clock' | 'secrets'>,
  actor: Actor,
  platformKey: string,
  input: IntegrationSettingsInput,
): Promise<IntegrationView> {
  return deps.store.transaction(async (tx) => {
    const current = await requireIntegration({ store: tx, providers: deps.providers }, actor.clientId, platformKey);
    const previous = current.settings;
    const oauthClientId = input.clientId === undefined ? (previous?.oauthClientId ?? null) : input.clientId;
    const sealedSecret =
      input.clientSecret === undefined
        ? (previous?.oauthClientSecretSealed ?? null)
        : input.clientSecret === null
          ? null
          : deps.secrets.seal(input.clientSecret, SEALING.integrationClientSecret(actor.clientId, platformKey));
    if (input.enabled && current.provider.auth.type === 'oauth2' && (!oauthClientId || !sealedSecret)) {
      throw new AppError(
        'BAD_REQUEST',
        `Integration ${platformKey} uses OAuth2: give its clientId and clientSecret to enable it.`,
      );
    }
    const settings = {
      clientId: actor.clientId,
      platformKey,
      enabled: input.enabled,
      oauthClientId,
      oauthClientSecretSealed: sealedSecret,
      scopes: input.scopes === undefined ? (previous?.scopes ?? null) : input.scopes,
      modified: toIso(deps.clock.now()),
    };
    await tx.integrationSettings.upsert(settings);
    return toIntegrationView(current.provider, settings);
  });
}
