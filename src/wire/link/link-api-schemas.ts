import { z } from 'zod';
import { CONNECTION_STATUSES } from '../../domain/connection.js';
import { SOURCE_TYPES } from '../../domain/source-type.js';

/**
 * The Link UI ⇄ server contract (docs/link-api.md), described once. The server validates
 * requests and declares responses with these schemas; the browser imports only the inferred
 * types (`import type`), so nothing here may import more than zod and domain types.
 */

export const LinkCategoryKeySchema = z.enum(['accounting', 'banking', 'commerce']);
export const LinkSourceTypeSchema = z.enum(['Accounting', 'Banking', 'Commerce']);

export const LinkInitialStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('main') }),
  z.object({ kind: z.literal('result'), connectionId: z.string() }),
  z.object({ kind: z.literal('credentials'), connectionId: z.string() }),
]);

export const LinkInviteInfoSchema = z.object({
  clientSlug: z.string(),
  title: z.string(),
  body: z.string(),
  clientName: z.string(),
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
});

/** The JSON the HTML shell carries in `#doorway-link-bootstrap` (not an endpoint). */
export const LinkBootstrapSchema = z.object({
  apiBase: z.string(),
  csrfToken: z.string(),
  view: z.enum(['flow', 'invite', 'result']),
  initialStep: LinkInitialStepSchema.optional(),
  invite: LinkInviteInfoSchema.optional(),
});

export const LinkConnectionSchema = z.object({
  id: z.string(),
  platformKey: z.string(),
  platformName: z.string(),
  /** Codat's ids for the platform (the same as the Platform API's `Connection`), for the Link SDK's callbacks. */
  integrationId: z.string(),
  sourceId: z.string(),
  sourceType: z.enum(SOURCE_TYPES),
  logoUrl: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  created: z.string(),
  linkedAt: z.string().nullable(),
  lastError: z.object({ statusCode: z.string(), message: z.string(), at: z.string() }).nullable(),
});

export const LinkIntegrationFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'password', 'select', 'url']),
  required: z.boolean(),
  pattern: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  example: z.string().optional(),
  help: z.string().optional(),
});

export const LinkIntegrationSchema = z.object({
  key: z.string(),
  name: z.string(),
  logoUrl: z.string(),
  isSandbox: z.boolean(),
  authType: z.enum(['oauth2', 'credentials', 'sandbox']),
  fields: z.array(LinkIntegrationFieldSchema),
});

export const LinkCategorySchema = z.object({
  sourceType: LinkSourceTypeSchema,
  key: LinkCategoryKeySchema,
  optional: z.boolean(),
  allowMultiple: z.boolean(),
  connections: z.array(LinkConnectionSchema),
  integrations: z.array(LinkIntegrationSchema),
});

export const LinkStateSchema = z.object({
  company: z.object({ id: z.string(), name: z.string() }),
  client: z.object({ name: z.string(), logoUrl: z.string().nullable(), iconUrl: z.string().nullable() }),
  branding: z.object({ primaryColor: z.string(), secondaryColor: z.string() }),
  showLandingPage: z.boolean(),
  text: z.record(z.string(), z.string()),
  categories: z.array(LinkCategorySchema),
  canComplete: z.boolean(),
  redirectConfigured: z.boolean(),
});

/** What the server wants after consent / reconnect: leave for the platform, or show the form. */
export const LinkNextStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('redirect'), url: z.string() }),
  z.object({ kind: z.literal('credentials') }),
]);

// ---- request bodies ---------------------------------------------------------------------

export const LinkEventBodySchema = z.object({
  type: z.enum(['category_chosen', 'platform_chosen']),
  sourceType: z.string().max(20).optional(),
  platformKey: z.string().max(20).optional(),
  connectionId: z.string().max(64).optional(),
});
export const ChoosePlatformBodySchema = z.object({ platformKey: z.string().regex(/^[a-z]{4}$/) });
export const CredentialsBodySchema = z.object({ values: z.record(z.string().max(64), z.string().max(2000)) });
export const InviteBodySchema = z.object({ companyName: z.string().min(1).max(200) });

/**
 * What the Link SDK sends of a mount's `options` when it opens its session: the options that
 * change what the visit offers (Codat's `CodatLinkOptions`; texts, theme and nonce stay in the
 * browser). Unknown keys are dropped, so a newer SDK's option never breaks an older server.
 */
const EmbedCategorySchema = z.object({
  optional: z.boolean(),
  enableIntegrations: z.boolean(),
  allowedIntegrations: z.array(z.string().regex(/^[a-z]{4}$/)).max(100).optional(),
});
export const EmbedSessionBodySchema = z.object({
  /** Which SDK mounts: the Link flow, or the Connections SDK (whose visits are not onboarding). */
  component: z.enum(['link', 'connections']).default('link'),
  options: z
    .object({
      showLandingPage: z.boolean().optional(),
      showSandboxIntegrations: z.boolean().optional(),
      enableMultiEntityLinking: z.boolean().optional(),
      sourceTypes: z.object({ accounting: EmbedCategorySchema.optional(), banking: EmbedCategorySchema.optional(), commerce: EmbedCategorySchema.optional() }).optional(),
    })
    .default({}),
});

// ---- response bodies --------------------------------------------------------------------

/** The embedded session: its id goes in `X-CSRF-Token` beside the access token on every call. */
export const EmbedSessionReplySchema = z.object({ sessionId: z.string(), companyId: z.string() });

export const ConnectionReplySchema = z.object({ connection: LinkConnectionSchema });
/**
 * The Connections SDK's list (embedded only): the company's Linked, Unlinked and Deauthorized
 * connections, each with its Link category (null for a source type Link has no category for).
 */
export const CustomerConnectionSchema = LinkConnectionSchema.extend({ category: LinkCategoryKeySchema.nullable() });
export const CustomerConnectionsReplySchema = z.object({ connections: z.array(CustomerConnectionSchema) });
export const CredentialsReplySchema = z.object({ connection: LinkConnectionSchema, next: LinkNextStepSchema.optional() });
export const NextReplySchema = z.object({ next: LinkNextStepSchema });
export const InviteReplySchema = z.object({ next: z.string() });
export const RedirectReplySchema = z.object({ redirectUrl: z.string() });
export const LinkErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), correlationId: z.string() }),
});

export type LinkCategoryKey = z.infer<typeof LinkCategoryKeySchema>;
export type LinkSourceType = z.infer<typeof LinkSourceTypeSchema>;
export type LinkInitialStep = z.infer<typeof LinkInitialStepSchema>;
export type LinkInviteInfo = z.infer<typeof LinkInviteInfoSchema>;
export type LinkBootstrap = z.infer<typeof LinkBootstrapSchema>;
export type LinkConnection = z.infer<typeof LinkConnectionSchema>;
export type LinkIntegrationField = z.infer<typeof LinkIntegrationFieldSchema>;
export type LinkIntegration = z.infer<typeof LinkIntegrationSchema>;
export type LinkCategory = z.infer<typeof LinkCategorySchema>;
export type LinkState = z.infer<typeof LinkStateSchema>;
export type LinkNextStep = z.infer<typeof LinkNextStepSchema>;
export type LinkEvent = z.infer<typeof LinkEventBodySchema>;
export type LinkConnectionReply = z.infer<typeof ConnectionReplySchema>;
export type CustomerConnection = z.infer<typeof CustomerConnectionSchema>;
export type CustomerConnectionsReply = z.infer<typeof CustomerConnectionsReplySchema>;
export type LinkCredentialsReply = z.infer<typeof CredentialsReplySchema>;
export type LinkNextReply = z.infer<typeof NextReplySchema>;
export type LinkInviteReply = z.infer<typeof InviteReplySchema>;
export type LinkRedirectReply = z.infer<typeof RedirectReplySchema>;
export type LinkErrorReply = z.infer<typeof LinkErrorSchema>;
export type EmbedSessionBody = z.infer<typeof EmbedSessionBodySchema>;
export type EmbedSessionReply = z.infer<typeof EmbedSessionReplySchema>;
