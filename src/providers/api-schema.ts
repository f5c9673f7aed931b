import { z } from 'zod';
import { SANDBOX_PATHS } from '../domain/public-urls.js';
import { isConnectionInfoUrlTemplate } from './url-template.js';

const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name');

/**
 * How to call the platform's API with a Linked connection (the proxy, and what a client needs
 * beside the token). `${connectionInfo.x}` placeholders are filled from the connection's
 * `connectionInfo`: non-secret form fields and values captured at authorization. See docs/providers.md.
 */
export const apiSchema = z.strictObject({
  /**
   * The built-in Sandbox (`auth.type: 'sandbox'`) alone may give the site-relative
   * `SANDBOX_PATHS.apiBase` (`/sandbox/api`): it lives under Doorway's own PUBLIC_URL, which no
   * catalogue can know, so whoever renders the base makes it absolute with `PublicUrls.absolute`.
   */
  baseUrl: z
    .string()
    .refine(
      (value) => value === SANDBOX_PATHS.apiBase || isConnectionInfoUrlTemplate(value),
      'must be an absolute http(s) URL (or start with a placeholder holding one); placeholders like ${connectionInfo.key} are allowed',
    ),
  /** Sent with every API call (Xero's `Xero-tenant-id`, MYOB's version header). */
  headers: z.record(headerName, z.string()).default(() => ({})),
  /**
   * OAuth platforms: the header that carries the access token, and the scheme before it
   * (`Authorization: Bearer <token>` by default; Shopify: `X-Shopify-Access-Token: <token>`, with
   * an empty scheme).
   */
  tokenHeader: headerName.default('Authorization'),
  tokenScheme: z.string().regex(/^[A-Za-z0-9._~+/-]*$/, 'must be one word (or empty for the bare token)').default('Bearer'),
  /**
   * Credentials platforms: HTTP Basic authentication from two form fields (WooCommerce's consumer
   * key and secret). Secret fields never appear in templates; this is the only way they reach a
   * request, and only as this header.
   */
  /** The header that carries the OAuth app's client id on every call (MYOB's `x-myobapi-key`). */
  clientIdHeader: headerName.optional(),
  basicAuth: z.strictObject({ usernameField: z.string().min(1), passwordField: z.string().min(1) }).optional(),
});

export type ApiDefinition = z.infer<typeof apiSchema>;
