import { toIso } from '../../domain/clock.js';
import { newClient, slugify, type Client } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { createApiKey } from '../api-keys/create-api-key.js';
import type { ServiceDeps } from '../deps.js';

/**
 * Creates a tenant with its first API key (returned once). Operators run this through
 * `doorway create-client <name>`; each client's data is invisible to every other client.
 */
export async function createClient(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  input: { name: string; slug?: string | undefined },
): Promise<{ client: Client; apiKey: string }> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AppError('BAD_REQUEST', 'Client name must be 1–200 characters.');
  const slug = input.slug ?? slugify(name);
  if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(slug)) throw new AppError('BAD_REQUEST', `Client slug '${slug}' must be lower-case letters, digits and dashes.`);
  const client = newClient(newId(), name, slug, toIso(deps.clock.now()));
  return deps.store.transaction(async (tx) => {
    if (await tx.clients.findBySlug(slug)) throw new AppError('CONFLICT', `A client with slug '${slug}' already exists.`);
    await tx.clients.insert(client);
    const { apiKey } = await createApiKey({ store: tx, clock: deps.clock }, { clientId: client.id }, { name: 'default' });
    return { client, apiKey };
  });
}
