import { LINK_CATEGORY_KEYS, type LinkCategoryKey, type LinkSettings } from './link-settings.js';

/**
 * What the server honours of a Link SDK mount's `options` (Codat's `CodatLinkOptions`, already
 * validated by src/wire/link). Texts, theme and nonce only change how the UI looks, so the
 * browser applies them; these change what the visit offers, so the server does.
 */
export interface EmbedCategoryOptions {
  optional: boolean;
  enableIntegrations: boolean;
  allowedIntegrations?: string[] | undefined;
}

export interface EmbedOptions {
  showLandingPage?: boolean | undefined;
  showSandboxIntegrations?: boolean | undefined;
  enableMultiEntityLinking?: boolean | undefined;
  /** Codat: "if set, every category to display must be present". */
  sourceTypes?: Partial<Record<LinkCategoryKey, EmbedCategoryOptions>> | undefined;
}

/** A Link session opened by the Link SDK: the page's origin and the mount's options. */
export interface LinkEmbedding {
  /** The exact origin of the client's page (one of its CORS origins): the popup posts only here. */
  origin: string;
  options: EmbedOptions;
  /**
   * The Connections SDK manages connections a customer already made: not onboarding, so its
   * sessions record no auth-funnel events (absent: the Link SDK).
   */
  component?: 'link' | 'connections';
}

/**
 * The client's Link settings as one embedded mount sees them. Options narrow what the client
 * allows and never widen it: a category the client hides stays hidden, a required category stays
 * required, Sandbox platforms the client hides stay hidden, and allowed integrations are the
 * intersection of both lists. Only the landing page, which changes what is shown and not what is
 * allowed, follows the mount either way, as Codat's options override the Portal's.
 */
export function narrowLinkSettings(settings: LinkSettings, options: EmbedOptions | undefined): LinkSettings {
  if (!options) return settings;
  const categories = { ...settings.categories };
  for (const key of LINK_CATEGORY_KEYS) {
    const client = settings.categories[key];
    if (!options.sourceTypes) continue;
    const mount = options.sourceTypes[key];
    if (!mount || !mount.enableIntegrations) {
      categories[key] = { ...client, enabled: false };
      continue;
    }
    const allowed = mount.allowedIntegrations;
    categories[key] = {
      enabled: client.enabled,
      optional: client.optional && mount.optional,
      allowedIntegrations:
        allowed === undefined ? client.allowedIntegrations : client.allowedIntegrations === null ? [...allowed] : client.allowedIntegrations.filter((k) => allowed.includes(k)),
    };
  }
  return {
    ...settings,
    showLandingPage: options.showLandingPage ?? settings.showLandingPage,
    showSandboxIntegrations: settings.showSandboxIntegrations && options.showSandboxIntegrations !== false,
    categories,
  };
}

/** Accounting takes one set of books unless the mount enables multi-entity linking (Codat's option). */
export function allowsMultipleInVisit(category: LinkCategoryKey, embedding: LinkEmbedding | null): boolean {
  return category !== 'accounting' || embedding?.options.enableMultiEntityLinking === true;
}
