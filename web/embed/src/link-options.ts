// CodatLinkOptions (codat-spec §7) split by where they apply: what changes the visit goes to
// the server (which narrows the client's settings with them, never widens), what changes the
// look stays in the browser.

import { normaliseHex } from '../../link/src/theme';
import type { EmbedSessionBody } from '../../../src/wire/link/link-api-schemas';
import type { CodatCategoryOptions, CodatLinkOptions, CodatTextOptions } from './codat-props';

const SERVER_CATEGORIES = ['accounting', 'banking', 'commerce'] as const;

function serverCategory(category: CodatCategoryOptions | Omit<CodatCategoryOptions, 'enableFileUpload'>) {
  return {
    optional: category.optional === true,
    enableIntegrations: category.enableIntegrations !== false,
    ...(Array.isArray(category.allowedIntegrations) ? { allowedIntegrations: category.allowedIntegrations.filter((key) => typeof key === 'string') } : {}),
  };
}

/** The options the session is opened with; the rest never leave the page. */
export function serverOptions(options: CodatLinkOptions): EmbedSessionBody['options'] {
  const out: EmbedSessionBody['options'] = {};
  if (typeof options.showLandingPage === 'boolean') out.showLandingPage = options.showLandingPage;
  if (typeof options.showSandboxIntegrations === 'boolean') out.showSandboxIntegrations = options.showSandboxIntegrations;
  if (typeof options.enableMultiEntityLinking === 'boolean') out.enableMultiEntityLinking = options.enableMultiEntityLinking;
  if (options.sourceTypes && typeof options.sourceTypes === 'object') {
    // Codat: when sourceTypes is set, every category to show must be present; the server hides the others.
    const sourceTypes: NonNullable<EmbedSessionBody['options']['sourceTypes']> = {};
    for (const key of SERVER_CATEGORIES) {
      const category = options.sourceTypes[key];
      if (category && typeof category === 'object') sourceTypes[key] = serverCategory(category);
    }
    out.sourceTypes = sourceTypes;
  }
  return out;
}

/** Codat's deprecated `{category}.dataAccess.*` keys, under the names that replaced them. */
const DEPRECATED_TEXT: readonly [RegExp, string][] = [
  [/^(accounting|banking|commerce)\.dataAccess\.consent$/, '$1.consents.termsAndConditions'],
  [/^(accounting|banking|commerce)\.dataAccess\.nextButton$/, '$1.consents.nextButton'],
  [/^(accounting|banking|commerce)\.dataAccess\.additionalConsent\.(title|subtitle)$/, '$1.additionalConsents.$2'],
];

/**
 * The mount's texts under the Link UI's keys (which are Codat's). Only strings: Codat's
 * deprecated `dataAccess.dataTypes` lists are the categories' data types, not copy. A current
 * key wins over its deprecated name whatever the order they were given in.
 */
export function mountTexts(text: CodatTextOptions | undefined): Record<string, string> {
  const current: Record<string, string> = {};
  const deprecated: Record<string, string> = {};
  for (const [key, value] of Object.entries(text ?? {})) {
    if (typeof value !== 'string') continue;
    const rule = DEPRECATED_TEXT.find(([pattern]) => pattern.test(key));
    if (rule) deprecated[key.replace(rule[0], rule[1])] = value;
    else current[key] = value;
  }
  return { ...deprecated, ...current };
}

/** `bankAccounts` → `Bank accounts`: Codat's data type names as a person reads them. */
function dataTypeName(dataType: string): string {
  const words = dataType.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Invoices, Bills and Bank accounts.` */
function dataTypeSentence(dataTypes: readonly string[]): string {
  const names = [...new Set(dataTypes.filter((type) => /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(type)).map(dataTypeName))];
  if (names.length === 0) return '';
  return names.length === 1 ? `${names[0]}.` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}.`;
}

/**
 * The consent's Platform data section (codat-spec §5.3 step 4: "the list of data types; shown
 * only if configured") from `sourceTypes.{category}.dataTypes`, or from the deprecated
 * `{category}.dataAccess.dataTypes` text it replaced. A `consents.platformData` text the mount
 * sets itself wins over both, as any text does.
 */
export function dataTypeTexts(options: CodatLinkOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const category of SERVER_CATEGORIES) {
    const current = options.sourceTypes?.[category]?.dataTypes;
    const deprecated = options.text?.[`${category}.dataAccess.dataTypes`];
    const list = Array.isArray(current) ? current : Array.isArray(deprecated) ? deprecated : null;
    const sentence = list ? dataTypeSentence(list.filter((type): type is string => typeof type === 'string')) : '';
    if (sentence) out[`${category}.consents.platformData`] = sentence;
  }
  return out;
}

/** `theme.colors.primary` when it is a hex colour (Codat's format); anything else keeps the client's. */
export function mountPrimaryColor(options: CodatLinkOptions): string | undefined {
  return normaliseHex(options.theme?.colors?.primary) ?? undefined;
}
