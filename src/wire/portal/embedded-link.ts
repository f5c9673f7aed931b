import { z } from 'zod';

/**
 * The Portal's Embedded Link page: the origins allowed to embed Link with a company access token
 * (the same list as the public API's `GET/POST /corsSettings`) and the module URLs to import.
 * Origins are checked by the use-case (`setCorsSettings`), which says which entry is wrong.
 */
export const embeddedLinkBody = z.object({ allowedOrigins: z.array(z.string().max(2000)).max(200) });
export type EmbeddedLinkBody = z.infer<typeof embeddedLinkBody>;

export interface PortalEmbeddedLinkView extends EmbeddedLinkBody {
  /** `{PUBLIC_URL}/link-sdk`: what `import()` loads, in place of Codat's `https://link-sdk.codat.io`. */
  linkSdkUrl: string;
  /** `{PUBLIC_URL}/connections-sdk`. */
  connectionsSdkUrl: string;
}
