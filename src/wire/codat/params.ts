import { z } from '@hono/zod-openapi';

/** The path parameters of Codat's operations (and of Doorway's extensions, in the same style). */
export const CompanyIdParam = z.object({
  companyId: z.string().openapi({ param: { name: 'companyId', in: 'path' }, example: '8a210b68-6988-11ed-a1eb-0242ac120002' }),
});

export const ConnectionIdParams = CompanyIdParam.extend({
  connectionId: z.string().openapi({ param: { name: 'connectionId', in: 'path' }, example: '2e9d2c44-f675-40ba-8049-353bfcb5e171' }),
});

export const PlatformKeyParam = z.object({ platformKey: z.string().openapi({ param: { name: 'platformKey', in: 'path' }, example: 'gbol' }) });

export const ApiKeyIdParam = z.object({ apiKeyId: z.string().openapi({ param: { name: 'apiKeyId', in: 'path' } }) });

export const WebhookIdParam = z.object({ webhookId: z.string().openapi({ param: { name: 'webhookId', in: 'path' } }) });

export const WebhookMessageParams = WebhookIdParam.extend({ messageId: z.string().openapi({ param: { name: 'messageId', in: 'path' } }) });
