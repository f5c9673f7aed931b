import { z } from '@hono/zod-openapi';
import { LINK_TEXT_KEYS } from '../../domain/link/default-text.js';
import type { LinkSettings } from '../../domain/link/link-settings.js';
import { WEB_URL_REQUIREMENT as WEB_URL } from '../../domain/web-url.js';

/** Doorway extension in Codat's style: a client's Hosted Link settings. */
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1f4bd8');
const Category = z.object({
  enabled: z.boolean(),
  optional: z.boolean(),
  allowedIntegrations: z.array(z.string().regex(/^[a-z]{4}$/)).max(100).nullable().optional(),
});
const TextSchema = z.partialRecord(z.enum(LINK_TEXT_KEYS as [string, ...string[]]), z.string().max(2000));

export const LinkSettingsSchema = z
  .object({
    showLandingPage: z.boolean(),
    showSandboxIntegrations: z.boolean().openapi({
      description: 'Offer Sandbox and test platforms. A Link URL with `link.showSandboxIntegrations=false` hides them for one visit; `=true` never shows what this setting hides.',
    }),
    categories: z.object({ accounting: Category, banking: Category, commerce: Category }),
    branding: z.object({
      logoUrl: z.url().nullable().openapi({ description: WEB_URL }),
      iconUrl: z.url().nullable().openapi({ description: WEB_URL }),
      primaryColor: Colour,
      secondaryColor: Colour,
    }),
    text: TextSchema.openapi({ description: `Any of: ${LINK_TEXT_KEYS.join(', ')}. Consent texts may use {companyName} and {platformName}.` }),
  })
  .openapi('LinkSettings');

/** A PUT may leave out anything; omitted fields take their defaults. */
export const LinkSettingsInput = LinkSettingsSchema.partial().extend({
  categories: z.object({ accounting: Category.partial(), banking: Category.partial(), commerce: Category.partial() }).partial().optional(),
  branding: LinkSettingsSchema.shape.branding.partial().optional(),
});

/** The stored settings, defaults filled in, are the wire shape already; only the types differ (text keys). */
export const toLinkSettingsOut = (settings: LinkSettings) => settings as z.infer<typeof LinkSettingsSchema>;
