import { z } from '@hono/zod-openapi';
import type { ApiKey, Client } from '../../domain/client.js';
import { WEB_URL_REQUIREMENT as WEB_URL } from '../../domain/web-url.js';

/** API keys, the client's profile and its CORS origins (Codat's Settings operations). */
export const ApiKeyDetailsSchema = z
  .object({ id: z.string(), name: z.string().nullable(), apiKey: z.string(), createdDate: z.string() })
  .openapi('ApiKeyDetails');

export const ApiKeysSchema = z.object({ results: z.array(ApiKeyDetailsSchema) }).openapi('ApiKeys');

export const CreateApiKeyBody = z.object({ name: z.string().nullable().optional().openapi({ example: 'invoice-finance-processor' }) }).openapi('CreateApiKey');

export const ProfileSchema = z
  .object({
    name: z.string(),
    logoUrl: z.string().optional(),
    iconUrl: z.string().optional(),
    redirectUrl: z.string(),
    whiteListUrls: z.array(z.string()),
  })
  .openapi('Profile');

export const ProfileBody = z
  .object({
    name: z.string().max(200),
    redirectUrl: z.string().max(2000),
    logoUrl: z.string().max(2000).optional().openapi({ description: WEB_URL }),
    iconUrl: z.string().max(2000).optional().openapi({ description: WEB_URL }),
    whiteListUrls: z.array(z.string().max(2000)).max(100).optional().openapi({ description: `Allowed resolved redirect URLs (origin or URL prefix). ${WEB_URL}` }),
    apiKey: z.string().optional().openapi({ description: 'Deprecated by Codat; ignored.' }),
    confirmCompanyName: z.boolean().optional().openapi({ description: 'Deprecated by Codat; ignored.' }),
  })
  .openapi('ProfileRequest');

export const CorsSettingsSchema = z.object({ allowedOrigins: z.array(z.string()) }).openapi('ConnectionManagementAllowedOrigins');

export const CorsBody = z.object({ allowedOrigins: z.array(z.string().max(500)).optional() });

/** A stored key shows only its hint; the plaintext is in the create response alone. */
export function toApiKeyOut(key: ApiKey, plaintext?: string): z.infer<typeof ApiKeyDetailsSchema> {
  return { id: key.id, name: key.name, apiKey: plaintext ?? key.keyHint, createdDate: key.created };
}

export function toProfileOut(client: Client): z.infer<typeof ProfileSchema> {
  return {
    name: client.name,
    ...(client.logoUrl ? { logoUrl: client.logoUrl } : {}),
    ...(client.iconUrl ? { iconUrl: client.iconUrl } : {}),
    redirectUrl: client.redirectUrl,
    whiteListUrls: client.whiteListUrls,
  };
}

export const toCorsSettingsOut = (allowedOrigins: string[]): z.infer<typeof CorsSettingsSchema> => ({ allowedOrigins });
