import dns, { type LookupAddress } from 'node:dns';
import net, { BlockList, type LookupFunction } from 'node:net';

/**
 * SSRF protection for every outbound request to an address a client gave us (webhook consumer
 * URLs; later token endpoints and proxied platforms): it must not reach the deployment's own
 * network (metadata services, databases, admin ports) unless the operator allows it.
 * - The check runs on the address actually connected to, inside the socket's DNS `lookup`, so a
 *   name that resolves to a public address when saved and a private one later (DNS rebinding)
 *   is still refused.
 * - IP-literal hosts skip DNS entirely, so callers check them with `checkHost` first.
 * - IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`) IPv6 forms are judged by the
 *   IPv4 address they embed.
 */
export interface DestinationPolicy {
  /** Allow every destination, private ones included (e.g. a receiver on the same host). */
  allowPrivateDestinations: boolean;
  /** CIDRs (or single addresses) allowed even though they are in a refused range. */
  allowedCidrs?: readonly string[] | undefined;
}

/**
 * What the tenant who owns the destination is told (it is stored in their attempt log): only
 * that it is not allowed. What the name resolved to, and which range that is in, describes the
 * deployment's own network, so that detail (the error's `message`) is for the operator's log.
 */
export const DESTINATION_NOT_ALLOWED = 'Destination refused: this address is not allowed';

export class DestinationRefusedError extends Error {
  readonly code = 'ERR_DESTINATION_REFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly category: string,
  ) {
    super(
      host === address
        ? `Destination refused: ${address} is a ${category} address`
        : `Destination refused: ${host} resolves to ${address}, a ${category} address`,
    );
    this.name = 'DestinationRefusedError';
  }
}

export interface DestinationGuard {
  /** The refused range an IP address falls in (e.g. "loopback"), or undefined when allowed. */
  refusedCategory(address: string): string | undefined;
  /** For IP-literal hosts (which never reach `lookup`): the refusal, or undefined. */
  checkHost(hostname: string): DestinationRefusedError | undefined;
  /** A drop-in `lookup` for node:http/https/net that refuses disallowed resolved addresses. */
  lookup: LookupFunction;
}

const REFUSED_RANGES: ReadonlyArray<readonly [category: string, cidrs: readonly string[]]> = [
  ['unspecified', ['0.0.0.0/8', '::/128']],
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']],
  ['link-local', ['169.254.0.0/16', 'fe80::/10']],
  ['shared (CGNAT)', ['100.64.0.0/10']],
  // Never valid unicast HTTP destinations either.
  ['reserved', ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
];

const REFUSED: ReadonlyArray<readonly [string, BlockList]> = REFUSED_RANGES.map(([category, cidrs]) => [category, toBlockList(cidrs)]);

export function createDestinationGuard(policy: DestinationPolicy): DestinationGuard {
  const allowed = toBlockList(policy.allowedCidrs ?? []);

  function refusedCategory(address: string): string | undefined {
    if (policy.allowPrivateDestinations) return undefined;
    const normalized = normalizeAddress(address);
    if (normalized === undefined) return 'unparseable';
    const type = net.isIPv4(normalized) ? 'ipv4' : 'ipv6';
    if (allowed.check(normalized, type)) return undefined;
    return REFUSED.find(([, list]) => list.check(normalized, type))?.[0];
  }

  function checkHost(hostname: string): DestinationRefusedError | undefined {
    const host = stripBrackets(hostname);
    if (net.isIP(host) === 0) return undefined;
    const category = refusedCategory(host);
    return category === undefined ? undefined : new DestinationRefusedError(host, host, category);
  }

  const lookup: LookupFunction = (hostname, options, callback) => {
    // Always resolve every address: refusing the host if any of them is refused keeps the rule
    // independent of which address the connection would happen to try first.
    dns.lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const entry of addresses) {
        const category = refusedCategory(entry.address);
        if (category !== undefined) return callback(new DestinationRefusedError(hostname, entry.address, category), '', 0);
      }
      const first = addresses[0];
      if (first === undefined) {
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };

  return { refusedCategory, checkHost, lookup };
}

function toBlockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefixText, ...rest] = cidr.trim().split('/');
    const normalized = normalizeAddress(address);
    const family = normalized === undefined ? 0 : net.isIP(normalized);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (normalized === undefined || family === 0 || rest.length > 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max || prefixText === '') {
      throw new Error(`Invalid CIDR in the outbound destination allow-list: "${cidr}"`);
    }
    list.addSubnet(normalized, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * An IP address in the form the range checks expect: IPv4 embedded in IPv6 (mapped or NAT64)
 * becomes plain IPv4 and zone ids (`fe80::1%eth0`) are dropped. Undefined when not an IP.
 */
export function normalizeAddress(input: string): string | undefined {
  const address = stripBrackets(input.trim()).replace(/%.*$/, '');
  const family = net.isIP(address);
  if (family === 4) return address;
  if (family !== 6) return undefined;
  const groups = ipv6Groups(address);
  if (groups === undefined) return undefined;
  const embedded = `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const isNat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  return isMapped || isNat64 ? embedded : address;
}

/** The eight 16-bit groups of a valid IPv6 address (which may end in dotted IPv4). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}
