// What the Link UI would be sent for settings nobody has saved yet: the Link API's state and the
// Invite page's data, computed in the browser by the same domain rules the server uses
// (src/domain/link/link-settings.ts), so the Portal's preview shows what the real flow will.
// Its imports name their `.js` files, so the server's tests (NodeNext) can check it against the
// real Link API (test/link/link-preview-parity.test.ts).
import {
  allowsMultipleConnections,
  CATEGORY_SOURCE_TYPE,
  LINK_CATEGORY_KEYS,
  linkVisitOptions,
  offeredIntegrations,
  resolveLinkText,
  withLinkDefaults,
  type LinkSettings,
} from '../../../../src/domain/link/link-settings.js';
// The rule for every URL a client sets: a bad unsaved logo URL shows no logo, as in Link.
import { webUrlOrNull } from '../../../../src/domain/web-url.js';
import type {
  LinkConnection,
  LinkIntegration,
  LinkInviteInfo,
  LinkState,
} from '../../../../src/wire/link/link-api-schemas.js';

/** A platform as the Portal knows it: what Link shows, plus whether the client has it enabled. */
export interface LinkPreviewIntegration extends Pick<LinkIntegration, 'key' | 'name' | 'logoUrl' | 'isSandbox' | 'authType'> {
  /** Codat's source type; only Accounting, Banking and Commerce platforms are ever offered. */
  sourceType: string;
  enabled: boolean;
  /** The connection form, for platforms that have one (absent: none). */
  fields?: LinkIntegration['fields'] | undefined;
}

/** Everything the preview shows, all of it from the Portal's page (nothing is fetched). */
export interface LinkPreviewInput {
  /** The form's settings, saved or not; missing fields take the defaults, as a save would. */
  settings: Partial<LinkSettings>;
  /** Every platform of the catalogue, with the client's enabled flag. */
  integrations: readonly LinkPreviewIntegration[];
  /** The client (the business asking for the data): the header and consent's {companyName}. */
  clientName: string;
  /** The profile's logo and icon, used when the Link branding sets none. */
  clientLogoUrl?: string | null | undefined;
  clientIconUrl?: string | null | undefined;
  /** For the Invite page's form; any value works, nothing is created. */
  clientSlug?: string | undefined;
  /** The sample SMB whose flow is previewed (default "Example Ltd"). */
  companyName?: string | undefined;
  /** Whether the profile has a redirect URL (Complete then leaves for it). */
  redirectConfigured?: boolean | undefined;
}

export const PREVIEW_COMPANY = { id: 'preview-company', name: 'Example Ltd' };

export function previewSettings(input: LinkPreviewInput): LinkSettings {
  return withLinkDefaults(input.settings);
}

const toLinkIntegration = (platform: LinkPreviewIntegration): LinkIntegration => ({
  key: platform.key,
  name: platform.name,
  logoUrl: platform.logoUrl,
  isSandbox: platform.isSandbox,
  authType: platform.authType,
  fields: platform.fields ?? [],
});

/**
 * The state GET /link/api/state would answer (toLinkState in src/http/link/link-view-models.ts)
 * for these settings and the preview's own connections. A connection whose platform the new
 * settings no longer offer is left out, as it could not be chosen now either.
 */
export function previewLinkState(input: LinkPreviewInput, connections: readonly LinkConnection[]): LinkState {
  const settings = previewSettings(input);
  // A Link URL without `link.*` parameters: the client's settings as they are.
  const options = linkVisitOptions(settings, {});
  const enabled = input.integrations.filter((platform) => platform.enabled);
  const categories = LINK_CATEGORY_KEYS.filter((key) => settings.categories[key].enabled).map((key) => {
    const offered = offeredIntegrations(settings, options, key, enabled);
    const keys = new Set(offered.map((platform) => platform.key));
    return {
      sourceType: CATEGORY_SOURCE_TYPE[key],
      key,
      optional: settings.categories[key].optional,
      allowMultiple: allowsMultipleConnections(key),
      connections: connections.filter((connection) => keys.has(connection.platformKey)),
      integrations: offered.map(toLinkIntegration),
    };
  });
  return {
    company: { id: PREVIEW_COMPANY.id, name: input.companyName ?? PREVIEW_COMPANY.name },
    client: {
      name: input.clientName,
      logoUrl: webUrlOrNull(settings.branding.logoUrl ?? input.clientLogoUrl),
      iconUrl: webUrlOrNull(settings.branding.iconUrl ?? input.clientIconUrl),
    },
    branding: { primaryColor: settings.branding.primaryColor, secondaryColor: settings.branding.secondaryColor },
    showLandingPage: settings.showLandingPage,
    text: resolveLinkText(settings),
    categories,
    canComplete: categories.every((category) => category.optional || category.connections.some((c) => c.status === 'Linked')),
    redirectConfigured: input.redirectConfigured ?? false,
  };
}

/** What the Invite URL's page is sent (src/http/link/link-pages.ts), for these settings. */
export function previewInviteInfo(input: LinkPreviewInput): LinkInviteInfo {
  const settings = previewSettings(input);
  const text = resolveLinkText(settings);
  return {
    clientSlug: input.clientSlug ?? 'preview',
    title: text['invite.title'],
    body: text['invite.body'],
    clientName: input.clientName,
    logoUrl: webUrlOrNull(settings.branding.logoUrl ?? input.clientLogoUrl),
    primaryColor: settings.branding.primaryColor,
  };
}
