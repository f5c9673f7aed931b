import type { Client } from '../../domain/client.js';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../storage/ports.js';

export async function requireClient(store: Store, clientId: string): Promise<Client> {
  const client = await store.clients.findById(clientId);
  if (!client) throw new AppError('UNAUTHORIZED');
  return client;
}
