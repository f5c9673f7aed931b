import { z } from '@hono/zod-openapi';
import { CONNECTION_STATUSES } from '../../domain/connection.js';
import { SOURCE_TYPES } from '../../domain/source-type.js';

/**
 * Codat's wire format, as zod schemas with OpenAPI metadata. They document responses and type
 * the handlers; they are the only place that knows field names on the wire.
 */
export const ErrorMessageSchema = z
  .object({
    statusCode: z.number().int(),
    service: z.string(),
    error: z.string(),
    correlationId: z.string(),
    validation: z
      .object({
        errors: z.array(z.object({ itemId: z.string().nullable(), message: z.string(), validatorName: z.string().nullable() })).nullable(),
        warnings: z.array(z.object({ itemId: z.string().nullable(), message: z.string(), validatorName: z.string().nullable() })).nullable(),
      })
      .nullable()
      .optional(),
    canBeRetried: z.string(),
    detailedErrorCode: z.number().int(),
  })
  .openapi('ErrorMessage');

const HalRef = z.object({ href: z.string() });
export const PagingLinksSchema = z.object({ self: HalRef, current: HalRef, next: HalRef.optional(), previous: HalRef.optional() });

export const DataConnectionErrorSchema = z.object({
  statusCode: z.string(),
  statusText: z.string(),
  errorMessage: z.string(),
  erroredOnUtc: z.string(),
  status: z.enum(['Active', 'Resolved']).nullable(),
  resolvedOnUtc: z.string().optional(),
});

export const ConnectionSchema = z
  .object({
    id: z.uuid(),
    integrationId: z.uuid(),
    integrationKey: z.string(),
    sourceId: z.uuid(),
    sourceType: z.enum(SOURCE_TYPES),
    platformName: z.string(),
    linkUrl: z.url(),
    status: z.enum(CONNECTION_STATUSES),
    lastSync: z.string().optional(),
    created: z.string(),
    dataConnectionErrors: z.array(DataConnectionErrorSchema).nullable(),
    connectionInfo: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('Connection');

export const CompanySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().optional(),
    platform: z.string().openapi({ description: 'Deprecated by Codat; always "" (kept for compatibility with older clients).' }),
    redirect: z.url().openapi({ description: "The company's Hosted Link URL." }),
    lastSync: z.string().optional(),
    created: z.string(),
    createdByUserName: z.string().nullable(),
    products: z.array(z.string()),
    tags: z.record(z.string(), z.string()),
    referenceSubsidiaryCompanies: z.array(z.object({ id: z.uuid(), name: z.string() })),
    dataConnections: z.array(ConnectionSchema),
  })
  .openapi('Company');

const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      results: z.array(item),
      pageNumber: z.number().int(),
      pageSize: z.number().int(),
      totalResults: z.number().int(),
      _links: PagingLinksSchema,
    })
    .openapi(name);

export const CompaniesSchema = pageOf(CompanySchema, 'Companies');
export const ConnectionsSchema = pageOf(ConnectionSchema, 'Connections');

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

export const ApiKeyDetailsSchema = z
  .object({ id: z.string(), name: z.string().nullable(), apiKey: z.string(), createdDate: z.string() })
  .openapi('ApiKeyDetails');

export const ProfileSchema = z
  .object({
    name: z.string(),
    logoUrl: z.string().optional(),
    iconUrl: z.string().optional(),
    redirectUrl: z.string(),
    whiteListUrls: z.array(z.string()),
  })
  .openapi('Profile');

export const CorsSettingsSchema = z.object({ allowedOrigins: z.array(z.string()) }).openapi('ConnectionManagementAllowedOrigins');

export const CompanyAccessTokenSchema = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), tokenType: z.string() })
  .openapi('CompanyAccessToken');

export const WebhookConsumerSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    disabled: z.boolean().nullable(),
    eventTypes: z.array(z.string()),
    companyTags: z.array(z.string()).nullable(),
    disabledReason: z
      .string()
      .nullable()
      .openapi({ description: 'Doorway extension: why the consumer is disabled, e.g. after 5 days of failed deliveries.' }),
  })
  .openapi('WebhookConsumer');
