import type { ProviderRegistry } from '../../providers/registry.js';

/** What mappers need to turn domain objects into Codat's wire format. */
export interface WireContext {
  publicUrl: string;
  providers: ProviderRegistry;
}

export const companyLinkUrl = (ctx: WireContext, companyId: string) => `${ctx.publicUrl}/link/company/${companyId}`;

export const connectionLinkUrl = (ctx: WireContext, companyId: string, connectionId: string) =>
  `${ctx.publicUrl}/link/companies/${companyId}/connections/${connectionId}/start`;

export const oauthCallbackUrl = (ctx: WireContext) => `${ctx.publicUrl}/link/oauth/callback`;

export const absoluteUrl = (ctx: WireContext, url: string) => (/^https?:\/\//.test(url) ? url : `${ctx.publicUrl}${url.startsWith('/') ? '' : '/'}${url}`);
