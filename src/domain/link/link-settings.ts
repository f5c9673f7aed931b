import { DEFAULT_LINK_TEXT, LINK_TEXT_KEYS, type LinkTextKey } from './default-text.js';

/**
 * A client's Hosted Link customisation (codat-spec §5.5), stored per client and served through
 * `GET/PUT /settings/link`. Everything has a sensible default so a new client's Link works.
 */
export const LINK_CATEGORY_KEYS = ['accounting', 'banking', 'commerce'] as const;
export type LinkCategoryKey = (typeof LINK_CATEGORY_KEYS)[number];

export const CATEGORY_SOURCE_TYPE = { accounting: 'Accounting', banking: 'Banking', commerce: 'Commerce' } as const;

export interface LinkCategorySettings {
  enabled: boolean;
  optional: boolean;
  /** Platform keys the SMB may choose for this category; null means every enabled one. */
  allowedIntegrations: string[] | null;
}

export interface LinkSettings {
  showLandingPage: boolean;
  showSandboxIntegrations: boolean;
  categories: Record<LinkCategoryKey, LinkCategorySettings>;
  branding: { logoUrl: string | null; iconUrl: string | null; primaryColor: string; secondaryColor: string };
  /** Only the keys the client changed; `resolveLinkText` merges the defaults. */
  text: Partial<Record<LinkTextKey, string>>;
}

export const DEFAULT_LINK_SETTINGS: LinkSettings = {
  showLandingPage: false,
  showSandboxIntegrations: true,
  categories: {
    accounting: { enabled: true, optional: false, allowedIntegrations: null },
    banking: { enabled: true, optional: true, allowedIntegrations: null },
    commerce: { enabled: false, optional: true, allowedIntegrations: null },
  },
  branding: { logoUrl: null, iconUrl: null, primaryColor: '#1f4bd8', secondaryColor: '#0b1b3f' },
  text: {},
};

/**
 * What one visit may offer: the client's settings, narrowed by the Link URL's `link.*`
 * parameters. A parameter can only take something away (`link.showSandboxIntegrations=false`
 * hides Sandbox platforms the client shows); it never brings back what the client's settings
 * hide, whatever codat-spec §5.1 says a Link URL parameter "overrides". This is the only place
 * a `link.*` parameter is read.
 */
export interface LinkVisitOptions {
  showSandboxIntegrations: boolean;
}

export function linkVisitOptions(settings: LinkSettings, params: Readonly<Record<string, string>>): LinkVisitOptions {
  return { showSandboxIntegrations: settings.showSandboxIntegrations && params['link.showSandboxIntegrations'] !== 'false' };
}

/** Whether a platform may be offered, chosen or authorized in a visit with these options. */
export function isOfferedInVisit(options: LinkVisitOptions, provider: { isSandbox: boolean }): boolean {
  return options.showSandboxIntegrations || !provider.isSandbox;
}

/** Accounting takes one connection (one set of books); Banking and Commerce take several. */
export const allowsMultipleConnections = (category: LinkCategoryKey): boolean => category !== 'accounting';

/**
 * The platforms one category offers in a visit, from those the client has enabled: of the
 * category's source type, Sandbox ones only if the visit shows them, on the category's list if it
 * has one, by name. The server (link-integrations.ts) and the Portal's preview both use it.
 */
export function offeredIntegrations<P extends { key: string; name: string; sourceType: string; isSandbox: boolean }>(
  settings: LinkSettings,
  options: LinkVisitOptions,
  category: LinkCategoryKey,
  enabled: readonly P[],
): P[] {
  const { enabled: shown, allowedIntegrations } = settings.categories[category];
  if (!shown) return [];
  return enabled
    .filter((platform) => platform.sourceType === CATEGORY_SOURCE_TYPE[category])
    .filter((platform) => isOfferedInVisit(options, platform))
    .filter((platform) => allowedIntegrations === null || allowedIntegrations.includes(platform.key))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function resolveLinkText(settings: LinkSettings): Record<LinkTextKey, string> {
  const text: Record<LinkTextKey, string> = { ...DEFAULT_LINK_TEXT };
  for (const key of LINK_TEXT_KEYS) {
    const custom = settings.text[key];
    if (custom !== undefined && custom.trim() !== '') text[key] = custom;
  }
  return text;
}

/** Stored JSON may predate a new field: fill whatever is missing from the defaults. */
export function withLinkDefaults(stored: Partial<LinkSettings> | undefined): LinkSettings {
  const base = DEFAULT_LINK_SETTINGS;
  if (!stored) return structuredClone(base);
  return {
    showLandingPage: stored.showLandingPage ?? base.showLandingPage,
    showSandboxIntegrations: stored.showSandboxIntegrations ?? base.showSandboxIntegrations,
    categories: {
      accounting: { ...base.categories.accounting, ...stored.categories?.accounting },
      banking: { ...base.categories.banking, ...stored.categories?.banking },
      commerce: { ...base.categories.commerce, ...stored.categories?.commerce },
    },
    branding: { ...base.branding, ...stored.branding },
    text: { ...stored.text },
  };
}
