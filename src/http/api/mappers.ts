import type { z } from '@hono/zod-openapi';
import type { ApiKey, Client } from '../../domain/client.js';
import type { Connection } from '../../domain/connection.js';
import type { WebhookConsumer } from '../../domain/webhook-consumer.js';
import { deriveIntegrationId, deriveSourceId } from '../../providers/deterministic-id.js';
import type { CompanyWithConnections } from '../../services/companies/company-view.js';
import type { IntegrationView } from '../../services/integrations/integration-view.js';
import { absoluteUrl, companyLinkUrl, connectionLinkUrl, oauthCallbackUrl, type WireContext } from './wire-context.js';
import type {
  ApiKeyDetailsSchema,
  BrandingSchema,
  CompanySchema,
  ConnectionSchema,
  IntegrationSchema,
  IntegrationSettingsSchema,
  ProfileSchema,
  WebhookConsumerSchema,
} from './wire-schemas.js';

/**
 * Domain → Codat wire format. Optional fields that are null are omitted rather than sent as
 * null, because Codat's SDK validates them as `string | undefined`.
 */
export function toConnectionOut(ctx: WireContext, connection: Connection): z.infer<typeof ConnectionSchema> {
  const provider = ctx.providers.get(connection.integrationKey);
  return {
    id: connection.id,
    integrationId: provider?.integrationId ?? deriveIntegrationId(connection.integrationKey),
    integrationKey: connection.integrationKey,
    sourceId: provider?.sourceId ?? deriveSourceId(connection.integrationKey),
    sourceType: connection.sourceType,
    platformName: provider?.name ?? connection.integrationKey,
    linkUrl: connectionLinkUrl(ctx, connection.companyId, connection.id),
    status: connection.status,
    ...(connection.lastSync ? { lastSync: connection.lastSync } : {}),
    created: connection.created,
    dataConnectionErrors: connection.dataConnectionErrors.map((e) => ({
      statusCode: e.statusCode,
      statusText: e.statusText,
      errorMessage: e.errorMessage,
      erroredOnUtc: e.erroredOnUtc,
      status: e.status,
      ...(e.resolvedOnUtc ? { resolvedOnUtc: e.resolvedOnUtc } : {}),
    })),
    connectionInfo: connection.connectionInfo,
  };
}

export function toCompanyOut(ctx: WireContext, view: CompanyWithConnections): z.infer<typeof CompanySchema> {
  const { company } = view;
  return {
    id: company.id,
    name: company.name,
    ...(company.description !== null ? { description: company.description } : {}),
    platform: '',
    redirect: companyLinkUrl(ctx, company.id),
    ...(company.lastSync ? { lastSync: company.lastSync } : {}),
    created: company.created,
    createdByUserName: company.createdByUserName,
    products: [],
    tags: company.tags,
    referenceSubsidiaryCompanies: [],
    dataConnections: view.connections.map((connection) => toConnectionOut(ctx, connection)),
  };
}

export function toIntegrationOut(ctx: WireContext, view: IntegrationView): z.infer<typeof IntegrationSchema> {
  const { provider } = view;
  return {
    key: provider.key,
    logoUrl: absoluteUrl(ctx, provider.logoUrl),
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
  const image = { image: { src: absoluteUrl(ctx, view.provider.logoUrl), alt: `${view.provider.name} logo` } };
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
    callbackUrl: oauthCallbackUrl(ctx),
  };
}

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

export function toWebhookConsumerOut(consumer: WebhookConsumer): z.infer<typeof WebhookConsumerSchema> {
  return {
    id: consumer.id,
    url: consumer.url,
    disabled: consumer.disabled,
    eventTypes: consumer.eventTypes,
    companyTags: consumer.companyTags,
    disabledReason: consumer.disabled ? consumer.disabledReason : null,
  };
}

/** Codat's HAL paging links: `self` is the bare path, `current/next/previous` carry the query. */
export function pagingLinks(path: string, search: URLSearchParams, page: number, pageSize: number, total: number) {
  const href = (pageNumber: number) => {
    const params = new URLSearchParams(search);
    params.set('page', String(pageNumber));
    params.set('pageSize', String(pageSize));
    return { href: `${path}?${params.toString()}` };
  };
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return {
    self: { href: path },
    current: href(page),
    ...(page < lastPage ? { next: href(page + 1) } : {}),
    ...(page > 1 ? { previous: href(Math.min(page - 1, lastPage)) } : {}),
  };
}
