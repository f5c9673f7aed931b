import { z } from 'zod';
import type { ApiKey } from '../../domain/client.js';

/** The Portal's API keys page (`/portal/api/api-keys`): the same use-cases as Codat's `/apiKeys`. */
export const createApiKeyBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the key a name, so you can tell it apart later.')
    .max(50, 'Keep the name to 50 characters or fewer.'),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export interface ApiKeyView {
  id: string;
  name: string | null;
  /** The key's last characters (`****abcd`): enough to recognise it, not to use it. */
  hint: string;
  created: string;
}

export interface ApiKeysView {
  results: ApiKeyView[];
  /** At most this many keys per client (a new one needs a revoked one first). */
  limit: number;
}

/** The only answer that ever holds the key itself. */
export interface CreatedApiKeyView {
  key: ApiKeyView;
  apiKey: string;
  /** Codat's scheme: `Basic ` + base64 of the key, with no `user:password` pair. */
  authorizationHeader: string;
}

export const toApiKeyView = (key: ApiKey): ApiKeyView => ({ id: key.id, name: key.name, hint: key.keyHint, created: key.created });
