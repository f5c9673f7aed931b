import net from 'node:net';

/**
 * Tests may talk to loopback only (our servers, PostgreSQL, local authorization servers).
 * Any other destination fails loudly, so no test can depend on, or leak to, the internet.
 */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const originalConnect = net.Socket.prototype.connect;

type ConnectArgs = Parameters<typeof originalConnect>;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
  const [first] = args as unknown[];
  const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string; port?: number } | number | string;
  let host: string | undefined;
  if (typeof options === 'object' && options !== null) {
    host = options.path ? undefined : (options.host ?? 'localhost');
  } else if (typeof options === 'number') {
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  if (host !== undefined && !LOOPBACK.has(host)) {
    throw new Error(`Outbound network is blocked in tests (attempted ${host})`);
  }
  return originalConnect.apply(this, args);
} as typeof originalConnect;
