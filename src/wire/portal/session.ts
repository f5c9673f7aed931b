import { z } from 'zod';
import type { StaffRole } from '../../domain/portal/staff.js';
export type { StaffRole };

/**
 * The Portal JSON API's session contract (`/portal/api/session`). Request bodies are zod schemas
 * the server validates; responses are types the browser imports (`import type` only).
 */
export const signInBody = z.object({
  email: z.string().max(254, 'That email is too long.'),
  password: z.string().max(1000, 'That password is too long.'),
});
export type SignInBody = z.infer<typeof signInBody>;

/** Everything the Portal app needs to know about who is signed in, and where things live. */
export interface PortalSessionView {
  user: { id: string; email: string; role: StaffRole };
  client: { id: string; name: string; slug: string };
  /** Echo in `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
  /** The session ends at the latest then (idle expiry moves it out while it is used). */
  expiresAt: string;
  urls: { publicUrl: string; invite: string; oauthCallback: string };
}

/** What the Portal page's HTML carries before any request (a JSON script element). */
export interface PortalBootstrap {
  /** For sign-in and invitation forms, before a session exists (double-submit cookie). */
  preSessionCsrfToken: string;
  version: string;
}

/** Every Portal API error. `fields` maps a form field to its problem. */
export interface PortalApiErrorBody {
  error: { code: string; message: string; correlationId: string; fields?: Record<string, string> };
}
