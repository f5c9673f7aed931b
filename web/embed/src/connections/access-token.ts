/**
 * The company a Doorway company access token is for (`dwat_<base64url JSON {c, co, exp}>.<sig>`,
 * src/security/company-access-tokens.ts), read in the browser only to build the Link API's path:
 * the Connections SDK, like Codat's, takes no companyId. Nothing here is trusted: the server
 * verifies the signature, the expiry and the company on every call. Undefined when it is not one.
 */
export function companyIdFromAccessToken(token: string): string | undefined {
  const payload = /^dwat_([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+$/.exec(token)?.[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { co?: unknown };
    return typeof claims.co === 'string' && /^[0-9a-f-]{36}$/i.test(claims.co) ? claims.co : undefined;
  } catch {
    return undefined;
  }
}
