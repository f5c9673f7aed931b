import { z } from 'zod';
import type { LinkTextKey } from '../../domain/link/default-text.js';
import type { LinkCategoryKey, LinkCategorySettings, LinkSettings } from '../../domain/link/link-settings.js';
import type { LinkIntegration } from '../link/link-api-schemas.js';
// The Link settings' shape is the domain's (and the public API's): the browser takes it from here.
export type { LinkCategoryKey, LinkCategorySettings, LinkSettings };

/**
 * The Portal JSON API's Link settings, Redirects and Integrations pages. Link settings' and
 * integration settings' request bodies are the public API's own (src/wire/codat/), so the Portal
 * can set exactly what the API can; the rest are here.
 */

/** A platform as the Link settings page and its preview need it (LinkPreviewIntegration in web/link). */
export interface PortalLinkPlatform extends Pick<LinkIntegration, 'key' | 'name' | 'logoUrl' | 'isSandbox' | 'authType' | 'fields'> {
  sourceType: string;
  enabled: boolean;
}

/** GET /settings/link: the stored settings, the copy they fall back to, and what the preview needs. */
export interface PortalLinkSettingsView {
  settings: LinkSettings;
  defaultText: Record<LinkTextKey, string>;
  platforms: PortalLinkPlatform[];
  client: { name: string; slug: string; logoUrl: string | null; iconUrl: string | null; redirectConfigured: boolean };
}

/** GET and PUT /settings/redirects: the profile's redirect and its allow-list. */
export const redirectSettingsBody = z.object({
  redirectUrl: z.string().max(2000, 'That URL is too long.'),
  whiteListUrls: z.array(z.string().max(2000, 'That URL is too long.')).max(100, 'At most 100 allowed URLs.'),
});
export type RedirectSettingsBody = z.infer<typeof redirectSettingsBody>;

export interface PortalRedirectSettingsView extends RedirectSettingsBody {
  /** Platforms the tester can fill the platform placeholders from. */
  platforms: { key: string; name: string; sourceType: string }[];
}

const sampleValue = z.string().max(500, 'That value is too long.');

/** POST /settings/redirects/test: the form's (unsaved) redirect, or the saved one, with sample values. */
export const redirectTestBody = z.object({
  redirectUrl: z.string().max(2000, 'That URL is too long.').optional(),
  whiteListUrls: z.array(z.string().max(2000, 'That URL is too long.')).max(100, 'At most 100 allowed URLs.').optional(),
  sample: z
    .object({
      companyId: sampleValue.optional(),
      connectionId: sampleValue.optional(),
      platformKey: z.string().max(20).optional(),
      outcome: z.enum(['completed', 'exited']).optional(),
      query: z.record(z.string().max(100), sampleValue).optional(),
    })
    .optional(),
});
export type RedirectTestBody = z.infer<typeof redirectTestBody>;

export interface PortalRedirectTestView {
  configured: boolean;
  resolvedUrl: string | null;
  allowed: boolean;
  reason: string | null;
  placeholders: { name: string; reserved: boolean; value: string }[];
}

/** A platform on the Integrations page. `oauth` only for platforms that use the client's own OAuth app. */
export interface PortalIntegrationView {
  key: string;
  name: string;
  logoUrl: string;
  sourceType: string;
  authType: 'oauth2' | 'credentials' | 'sandbox';
  isSandbox: boolean;
  enabled: boolean;
  /** The client secret is never sent back: only whether one is stored. */
  oauth: { clientId: string | null; hasClientSecret: boolean; callbackUrl: string } | null;
}

/** POST /integrations/:platformKey/test: the form's (unsaved) id and secret, or the saved ones. */
export const integrationTestBody = z.object({
  clientId: z.string().min(1, 'Enter the client id.').max(500).optional(),
  clientSecret: z.string().min(1, 'Enter the client secret.').max(2000).optional(),
});

export interface PortalIntegrationTestView {
  result: 'valid' | 'invalid' | 'unchecked';
  message: string;
  tokenHost: string | null;
}
