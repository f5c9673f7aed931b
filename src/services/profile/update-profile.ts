import { toIso } from '../../domain/clock.js';
import type { Client } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
import { redirectSettingsProblem } from '../../domain/link/redirect.js';
import { optionalWebUrl } from '../../domain/web-url.js';
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
  const problem = redirectSettingsProblem(input.redirectUrl, whiteListUrls);
  if (problem !== undefined) throw new AppError('BAD_REQUEST', problem);
  const logoUrl = optionalWebUrl('logoUrl', input.logoUrl);
  const iconUrl = optionalWebUrl('iconUrl', input.iconUrl);
  return deps.store.transaction(async (tx) => {
    const existing = await requireClient(tx, actor.clientId);
    const client: Client = { ...existing, name, redirectUrl: input.redirectUrl, logoUrl, iconUrl, whiteListUrls, modified: toIso(deps.clock.now()) };
    await tx.clients.update(client);
    return client;
  });
}
