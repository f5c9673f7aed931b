import { toIso } from '../../domain/clock.js';
import type { Client } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
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
 * PUT /profile. `redirectUrl` may hold `{placeholders}` anywhere, including the host, so it is
 * checked as a URL after replacing them; `whiteListUrls` must be real absolute URLs.
 */
export async function updateProfile(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, input: ProfileInput): Promise<Client> {
  const name = input.name.trim();
  if (!name) throw new AppError('BAD_REQUEST', 'Profile name must not be empty.');
  if (input.redirectUrl !== '' && !isHttpUrl(input.redirectUrl.replace(/\{[^{}]*\}/g, 'x'))) {
    throw new AppError('BAD_REQUEST', 'redirectUrl must be an absolute http(s) URL (placeholders like {companyId} are allowed).');
  }
  const whiteListUrls = input.whiteListUrls ?? [];
  const invalid = whiteListUrls.find((url) => !isHttpUrl(url));
  if (invalid !== undefined) throw new AppError('BAD_REQUEST', `whiteListUrls entry '${invalid}' is not an absolute http(s) URL.`);
  return deps.store.transaction(async (tx) => {
    const existing = await requireClient(tx, actor.clientId);
    const client: Client = {
      ...existing,
      name,
      redirectUrl: input.redirectUrl,
      logoUrl: input.logoUrl ?? null,
      iconUrl: input.iconUrl ?? null,
      whiteListUrls,
      modified: toIso(deps.clock.now()),
    };
    await tx.clients.update(client);
    return client;
  });
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
