import { AppError } from '../../domain/errors.js';
import { probeClientCredentials, resolveOAuth2, type ResolvedOAuth2 } from '../../providers/oauth2/index.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import { inspectTemplate } from '../../providers/url-template.js';
import { SEALING } from '../../security/sealing-contexts.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { requireIntegration } from './require-integration.js';

export interface IntegrationCredentialsInput {
  /** The form's unsaved client id; omitted: the saved one. */
  clientId?: string | undefined;
  /** The form's unsaved client secret; omitted: the saved (sealed) one. */
  clientSecret?: string | undefined;
}

export interface IntegrationCredentialsTest {
  /** `valid`: the platform authenticated the app; `invalid`: it refused it; `unchecked`: it could not tell. */
  result: 'valid' | 'invalid' | 'unchecked';
  /** For the person who set up the app: what happened, and why when it is not `valid`. */
  message: string;
  /** The token endpoint's host, so the reader knows where Doorway asked. */
  tokenHost: string | null;
}

/**
 * The Portal's "test" of a client's own OAuth app for one platform: the saved or the form's
 * unsaved client id and secret, checked at the platform's token endpoint without any user
 * (probeClientCredentials). Read only: nothing is stored, whatever the answer. Platforms without
 * an app of the client's (a credentials form, Doorway's Sandbox) have nothing to test: a 400.
 */
export async function testIntegrationCredentials(
  deps: Pick<ServiceDeps, 'store' | 'providers' | 'secrets' | 'clock' | 'outboundFetch' | 'publicUrl'>,
  actor: Actor,
  platformKey: string,
  input: IntegrationCredentialsInput,
): Promise<IntegrationCredentialsTest> {
  const { provider, settings } = await requireIntegration(deps, actor.clientId, platformKey);
  if (provider.auth.type !== 'oauth2') {
    const why = provider.auth.type === 'sandbox' ? 'uses Doorway’s own app' : 'has each business enter its own credentials';
    throw new AppError('BAD_REQUEST', `${provider.name} ${why}: there is no OAuth app to test.`);
  }
  const clientId = input.clientId ?? settings?.oauthClientId ?? null;
  const sealed = settings?.oauthClientSecretSealed ?? null;
  const clientSecret = input.clientSecret ?? (sealed ? deps.secrets.open(sealed, SEALING.integrationClientSecret(actor.clientId, platformKey)) : null);
  if (!clientId || !clientSecret) throw new AppError('BAD_REQUEST', `Give ${provider.name}'s client id and client secret to test them.`);

  const config = resolveWithoutBusiness(provider, deps.publicUrl);
  if (!config.ok) return { result: 'unchecked', message: `Could not check: ${config.reason}`, tokenHost: null };
  const tokenHost = new URL(config.value.tokenUrl).host;
  const verdict = await probeClientCredentials(config.value, { clientId, clientSecret }, { now: deps.clock.now(), fetch: deps.outboundFetch });
  switch (verdict.verdict) {
    case 'accepted':
      return { result: 'valid', message: `${provider.name} accepted the client id and secret.`, tokenHost };
    case 'rejected':
      return { result: 'invalid', message: `${provider.name} did not accept the client id and secret (${verdict.error}): ${verdict.description}`, tokenHost };
    case 'unknown':
      return { result: 'unchecked', message: `Could not check: ${verdict.reason}.`, tokenHost };
  }
}

/**
 * The platform's token endpoint as it is before any business has entered anything. A platform
 * whose token URL or parameters need a value from the connection form (Shopify's shop name) has
 * no such endpoint: its app can only be checked while a business connects.
 */
function resolveWithoutBusiness(provider: ProviderDefinition, publicUrl: string): { ok: true; value: ResolvedOAuth2 } | { ok: false; reason: string } {
  if (provider.auth.type !== 'oauth2') throw new Error('only oauth2 platforms have a token endpoint to probe');
  const templates = [provider.auth.tokenUrl, ...Object.values(provider.auth.tokenParams)];
  const fields = [...new Set(templates.flatMap((template) => inspectTemplate(template).fieldNames))];
  if (fields.length > 0) {
    const labels = fields.map((name) => provider.connectionConfig.find((field) => field.name === name)?.label ?? name);
    return { ok: false, reason: `${provider.name}'s token endpoint depends on what each business enters (${labels.join(', ')}), so its app can only be checked while a business connects.` };
  }
  return { ok: true, value: resolveOAuth2(provider, { publicUrl }) };
}
