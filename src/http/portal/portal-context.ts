import type { Context } from 'hono';
import type { LinkDeps } from '../../services/link/link-deps.js';

/**
 * What every Portal route file receives: the use-case deps (the same services the public API
 * calls) and the surface's own facts. Built once by `createPortalApp`.
 */
export interface PortalContext {
  deps: LinkDeps;
  /** Doorway's public origin (scheme://host[:port]): the only Origin a change may come from. */
  publicOrigin: string;
  /** Cookies get `Secure` when Doorway's public URL is https. */
  secureCookies: boolean;
  /** The client address (TRUST_PROXY-aware), which sign-in throttling counts. */
  clientAddress(c: Context): string;
  /** A hash of a password nobody knows, made once per process on first use (see signInStaff). */
  decoyHash(): Promise<string>;
  version: string;
}
