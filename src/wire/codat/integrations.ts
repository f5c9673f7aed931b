import { z } from '@hono/zod-openapi';
import { SOURCE_TYPES } from '../../domain/source-type.js';
// Type only: a provider as one client sees it is assembled by the integrations use-cases.
import type { IntegrationView } from '../../services/integrations/integration-view.js';
import { pageOf } from './paging.js';
import type { WireContext } from './wire-context.js';

export const IntegrationSchema = z
  .object({
    key: z.string(),
    logoUrl: z.url(),
    name: z.string(),
    enabled: z.boolean(),
    sourceId: z.uuid(),
    sourceType: z.enum(SOURCE_TYPES),
    integrationId: z.uuid(),
    isOfflineConnector: z.boolean(),
    isBeta: z.boolean(),
    dataProvidedBy: z.string().optional(),
    datatypeFeatures: z.array(z.unknown()),
  })
  .openapi('Integration');
export const IntegrationsSchema = pageOf(IntegrationSchema, 'Integrations');

const ImageRef = z.object({ image: z.object({ src: z.url(), alt: z.string() }) });
export const BrandingSchema = z
  .object({
    logo: z.object({ full: ImageRef, square: ImageRef }),
    button: z.object({ default: ImageRef, hover: ImageRef }),
    sourceId: z.uuid(),
  })
  .openapi('Branding');

export const IntegrationSettingsSchema = z
  .object({
    key: z.string(),
    enabled: z.boolean(),
    clientId: z.string().nullable(),
    hasClientSecret: z.boolean().openapi({ description: 'Whether a client secret is stored (the secret itself is never returned).' }),
    scopes: z.array(z.string()),
    defaultScopes: z.array(z.string()),
    callbackUrl: z.url().openapi({ description: "Register this redirect URI with the platform's OAuth app." }),
  })
  .openapi('IntegrationSettings');

export const IntegrationSettingsBody = z
  .object({
    enabled: z.boolean(),
    clientId: z.string().min(1).max(500).nullable().optional().openapi({ description: "The OAuth app's client id; omit to keep." }),
    clientSecret: z.string().min(1).max(2000).nullable().optional().openapi({ description: 'Stored encrypted; never returned. Omit to keep, null to remove.' }),
    scopes: z.array(z.string().min(1).max(200)).max(100).nullable().optional().openapi({ description: "null restores the provider's defaults." }),
  })
  .openapi('IntegrationSettingsRequest');

export function toIntegrationOut(ctx: WireContext, view: IntegrationView): z.infer<typeof IntegrationSchema> {
  const { provider } = view;
  return {
    key: provider.key,
    logoUrl: ctx.urls.absolute(provider.logoUrl),
    name: provider.name,
    enabled: view.enabled,
    sourceId: provider.sourceId,
    sourceType: provider.sourceType,
    integrationId: provider.integrationId,
    isOfflineConnector: provider.isOfflineConnector,
    isBeta: provider.isBeta,
    ...(provider.dataProvidedBy ? { dataProvidedBy: provider.dataProvidedBy } : {}),
    datatypeFeatures: [],
  };
}

export function toBrandingOut(ctx: WireContext, view: IntegrationView): z.infer<typeof BrandingSchema> {
  const image = { image: { src: ctx.urls.absolute(view.provider.logoUrl), alt: `${view.provider.name} logo` } };
  return { logo: { full: image, square: image }, button: { default: image, hover: image }, sourceId: view.provider.sourceId };
}

export function toIntegrationSettingsOut(ctx: WireContext, view: IntegrationView): z.infer<typeof IntegrationSettingsSchema> {
  const defaultScopes = view.provider.auth.type === 'oauth2' ? view.provider.auth.scopes : [];
  return {
    key: view.provider.key,
    enabled: view.enabled,
    clientId: view.settings?.oauthClientId ?? null,
    hasClientSecret: Boolean(view.settings?.oauthClientSecretSealed),
    scopes: view.settings?.scopes ?? defaultScopes,
    defaultScopes,
    callbackUrl: ctx.urls.oauthCallback(),
  };
}
