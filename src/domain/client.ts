/** A client is a tenant: the lender or fintech whose staff and backend use Doorway. */
export interface Client {
  id: string;
  name: string;
  /** URL-safe name used in the Invite URL (`/link/invite/{slug}`). */
  slug: string;
  logoUrl: string | null;
  iconUrl: string | null;
  redirectUrl: string;
  whiteListUrls: string[];
  corsAllowedOrigins: string[];
  created: string;
  modified: string;
}

export interface ApiKey {
  id: string;
  clientId: string;
  name: string | null;
  keyHint: string;
  created: string;
}

export const MAX_API_KEYS_PER_CLIENT = 10;

/** A new tenant with nothing configured yet: no redirect, no allow-list, no CORS origins. */
export function newClient(id: string, name: string, slug: string, now: string): Client {
  return { id, name, slug, logoUrl: null, iconUrl: null, redirectUrl: '', whiteListUrls: [], corsAllowedOrigins: [], created: now, modified: now };
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'client';
}
