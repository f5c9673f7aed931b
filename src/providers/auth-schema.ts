import { z } from 'zod';
import { SANDBOX_DEFAULT_SCOPES } from './sandbox/sandbox-endpoints.js';
import { isConnectionInfoUrlTemplate, isHttpUrlTemplate } from './url-template.js';

/** An http(s) URL that may contain `${connectionConfig.x}` placeholders (checked against the form in schema.ts). */
const urlTemplateSchema = z
  .string()
  .refine(isHttpUrlTemplate, 'must be an absolute http(s) URL; placeholders like ${connectionConfig.field} are allowed');

const scopeListSchema = z.array(z.string().regex(/^\S+$/, 'must be one scope without whitespace'));

/**
 * Parameters Doorway itself sets on each request. Letting a definition override them would break the
 * flow or its security (a fixed `state` defeats CSRF protection, a fixed `redirect_uri` leaks codes).
 */
const RESERVED_AUTHORIZATION_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'state', 'scope', 'code_challenge', 'code_challenge_method'];
const RESERVED_TOKEN_PARAMS = ['client_id', 'client_secret', 'redirect_uri', 'grant_type', 'code', 'code_verifier', 'refresh_token'];

function paramsSchema(reserved: readonly string[]) {
  return z
    .record(z.string().min(1), z.string())
    .refine((params) => !Object.keys(params).some((name) => reserved.includes(name)), {
      message: `must not set parameters Doorway manages (${reserved.join(', ')})`,
    })
    .default(() => ({}));
}

const oauth2AuthSchema = z.strictObject({
  type: z.literal('oauth2'),
  authorizationUrl: urlTemplateSchema,
  tokenUrl: urlTemplateSchema,
  revocationUrl: urlTemplateSchema.optional(),
  scopes: scopeListSchema.default(() => []),
  // Most platforms join scopes with a space; Shopify and Zoho want commas.
  scopeSeparator: z.string().min(1).default(' '),
  pkce: z.boolean().default(true),
  tokenEndpointAuth: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_post'),
  authorizationParams: paramsSchema(RESERVED_AUTHORIZATION_PARAMS),
  tokenParams: paramsSchema(RESERVED_TOKEN_PARAMS),
  /** Query parameters kept from the callback, e.g. QuickBooks' `realmId` (the company connected). */
  callbackMetadata: z.array(z.string().min(1)).default(() => []),
  /** Fields kept from the token response, e.g. Stripe's `stripe_user_id`, Zoho's `api_domain`. */
  tokenResponseMetadata: z.array(z.string().min(1)).default(() => []),
  /** Name of the callback parameter carrying the code (Amazon SP-API uses `spapi_oauth_code`). */
  codeParam: z.string().min(1).default('code'),
  /**
   * The platform issues a new refresh token on every refresh and retires the old one, so Doorway
   * must store the new one atomically and never refresh the same connection concurrently.
   */
  refreshTokenRotates: z.boolean().default(false),
  /** Renew the access token this long before it expires (clamped to half its lifetime for short-lived tokens). */
  refreshMarginSeconds: z.number().int().min(0).max(86_400).default(900),
  /**
   * Unused refresh tokens die after this many days (Xero 60, QuickBooks 100): Doorway exercises
   * every such connection at least once a day, whether or not anyone reads it.
   */
  refreshTokenIdleExpiryDays: z.number().int().min(1).max(3650).optional(),
  /**
   * One call after authorization that names the organisation connected, for platforms that say it
   * nowhere else (Xero's `GET /connections`). `pick` maps a connectionInfo key to a path in the JSON
   * answer (`0.tenantId`: the first element's `tenantId`).
   */
  connectionInfoRequest: z
    .strictObject({
      /** A GET, sent with the new access token as the API takes it (`api.tokenHeader`); `${connectionInfo.x}` placeholders. */
      url: z.string().refine(isConnectionInfoUrlTemplate, 'must be an absolute http(s) URL; placeholders like ${connectionInfo.key} are allowed'),
      headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'), z.string()).default(() => ({})),
      pick: z.record(z.string().min(1), z.string().min(1)),
    })
    .optional(),
});

/** An API-key style form: the credentials are the `connectionConfig` fields (secret ones encrypted). */
const credentialsAuthSchema = z.strictObject({ type: z.literal('credentials') });

/**
 * Doorway's built-in simulated platform: no third party, a local page picks a dataset. Its
 * endpoints are Doorway's own (see oauth2/resolve-endpoints.ts); a definition only chooses the
 * scopes to ask for and the token-response fields to keep (the Sandbox answers `dataset`).
 */
const sandboxAuthSchema = z.strictObject({
  type: z.literal('sandbox'),
  scopes: scopeListSchema.default(() => [...SANDBOX_DEFAULT_SCOPES]),
  tokenResponseMetadata: z.array(z.string().min(1)).default(() => []),
});

export const providerAuthSchema = z.discriminatedUnion('type', [oauth2AuthSchema, credentialsAuthSchema, sandboxAuthSchema]);

export type ProviderAuth = z.infer<typeof providerAuthSchema>;
export type OAuth2Auth = z.infer<typeof oauth2AuthSchema>;
