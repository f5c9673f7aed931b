import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { LINK_TEXT_KEYS } from '../../domain/link/default-text.js';
import type { Actor, ServiceDeps } from '../../services/deps.js';
import { getLinkSettings } from '../../services/link/get-link-settings.js';
import { updateLinkSettings } from '../../services/link/update-link-settings.js';
import type { HttpEnv } from '../env.js';
import { errorResponses, json, jsonBody, SECURITY } from './route-helpers.js';

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
    showSandboxIntegrations: z.boolean(),
    categories: z.object({ accounting: Category, banking: Category, commerce: Category }),
    branding: z.object({
      logoUrl: z.url().nullable(),
      iconUrl: z.url().nullable(),
      primaryColor: Colour,
      secondaryColor: Colour,
    }),
    text: TextSchema.openapi({ description: `Any of: ${LINK_TEXT_KEYS.join(', ')}. Consent texts may use {companyName} and {platformName}.` }),
  })
  .openapi('LinkSettings');

const LinkSettingsInput = LinkSettingsSchema.partial().extend({
  categories: z.object({ accounting: Category.partial(), banking: Category.partial(), commerce: Category.partial() }).partial().optional(),
  branding: LinkSettingsSchema.shape.branding.partial().optional(),
});

/** Doorway extension in Codat's style: the Hosted Link settings of this client. */
export function registerLinkSettingsRoutes(api: OpenAPIHono<HttpEnv>, deps: ServiceDeps): void {
  const tags = ['Settings', 'Doorway extensions'];
  const view = async (actor: Actor) => {
    const settings = await getLinkSettings(deps, actor.clientId);
    return { ...settings, categories: settings.categories };
  };
  api.openapi(
    createRoute({
      method: 'get', path: '/settings/link', operationId: 'get-link-settings', tags, security: SECURITY,
      summary: 'Get Link settings (Doorway extension)',
      responses: { 200: json(LinkSettingsSchema, 'Link settings, defaults filled in'), ...errorResponses() },
    }),
    async (c) => c.json((await view(c.get('actor'))) as z.infer<typeof LinkSettingsSchema>, 200),
  );
  api.openapi(
    createRoute({
      method: 'put', path: '/settings/link', operationId: 'set-link-settings', tags, security: SECURITY,
      summary: 'Set Link settings (Doorway extension)',
      description: 'Texts, branding, categories (enabled/optional/allowed platforms), landing page and sandbox visibility. Omitted fields take their defaults.',
      request: { body: jsonBody(LinkSettingsInput) },
      responses: { 200: json(LinkSettingsSchema, 'The stored settings'), ...errorResponses(400) },
    }),
    async (c) => c.json((await updateLinkSettings(deps, c.get('actor'), c.req.valid('json') as never)) as z.infer<typeof LinkSettingsSchema>, 200),
  );
}
