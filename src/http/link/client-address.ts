import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';

/** TRUST_PROXY (src/config/schema.ts): how many proxies, or which addresses, to believe. */
export type TrustedProxies = { hops: number } | { addresses: readonly string[] };

/**
 * The address Link's rate limits count a request against: the client's, as Express's `trust
 * proxy` finds it, with `proxy-addr`: walk from the connecting peer leftwards through
 * X-Forwarded-For while the address is a trusted proxy, and stop at the first one that is not. Proxies append the address they saw, so the left-most
 * entries are whatever the client chose to send and are never believed past a trusted hop.
 * 'unknown' when the request did not come through @hono/node-server (e.g. `app.request`).
 */
export function clientAddressOf(trusted: TrustedProxies): (c: Context) => string {
  const trust = 'hops' in trusted ? (_address: string, hop: number) => hop < trusted.hops : proxyaddr.compile([...trusted.addresses]);
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming?.socket ? proxyaddr(incoming, trust) : 'unknown';
  };
}
