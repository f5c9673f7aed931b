import { toIso } from '../../domain/clock.js';
import type { Client } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
import { templateOrigin } from '../../domain/link/redirect.js';
import { isWebUrl, optionalWebUrl, WEB_URL_RULE } from '../../domain/web-url.js';
import { requireClient } from '../clients/require-client.js';
import type { Actor, ServiceDeps } from '../deps.js';

export interface ProfileInput {
  name: string;
  redirectUrl: string;
  logoUrl?: string | undefined;
  iconUrl?: string | undefined;
  whiteListUrls?: string[] | undefined;
}

/**
 * PUT /profile. `redirectUrl` may hold `{placeholders}` anywhere; it must resolve to a web URL,
 * and when a placeholder can change its origin (scheme, host, port) the resolved URLs must be
 * listed in `whiteListUrls`. Every URL (allow-list entries, logo, icon) follows the web URL rule.
 */
export async function updateProfile(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, input: ProfileInput): Promise<Client> {
  const name = input.name.trim();
  if (!name) throw new AppError('BAD_REQUEST', 'Profile name must not be empty.');
  const whiteListUrls = input.whiteListUrls ?? [];
  const invalid = whiteListUrls.find((url) => !isWebUrl(url));
  if (invalid !== undefined) throw new AppError('BAD_REQUEST', `whiteListUrls entry '${invalid}' must be ${WEB_URL_RULE}.`);
  if (input.redirectUrl !== '') checkRedirectTemplate(input.redirectUrl, whiteListUrls);
  const logoUrl = optionalWebUrl('logoUrl', input.logoUrl);
  const iconUrl = optionalWebUrl('iconUrl', input.iconUrl);
  return deps.store.transaction(async (tx) => {
    const existing = await requireClient(tx, actor.clientId);
    const client: Client = { ...existing, name, redirectUrl: input.redirectUrl, logoUrl, iconUrl, whiteListUrls, modified: toIso(deps.clock.now()) };
    await tx.clients.update(client);
    return client;
  });
}

function checkRedirectTemplate(template: string, whiteListUrls: readonly string[]): void {
  if (!isWebUrl(template.replace(/\{[^{}]*\}/g, 'x'))) {
    throw new AppError('BAD_REQUEST', `redirectUrl must be ${WEB_URL_RULE}; placeholders like {companyId} are allowed.`);
  }
  if (templateOrigin(template) === undefined && whiteListUrls.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      'redirectUrl has a placeholder that can change its scheme, host or port: list every URL it may resolve to in whiteListUrls.',
    );
  }
}
