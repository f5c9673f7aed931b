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
