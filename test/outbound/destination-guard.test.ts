import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createDestinationGuard, DestinationRefusedError, normalizeAddress } from '../../src/outbound/destination-guard.js';

const strict = createDestinationGuard({ allowPrivateDestinations: false });

describe('destination guard', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local'],
    ['[::ffff:10.0.0.1]', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, category) => {
    expect(strict.refusedCategory(address)).toBe(category);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(strict.refusedCategory(address)).toBeUndefined();
  });

  it('allows everything with allowPrivateDestinations, or listed CIDRs only', () => {
    const open = createDestinationGuard({ allowPrivateDestinations: true });
    expect(open.refusedCategory('127.0.0.1')).toBeUndefined();
    expect(open.refusedCategory('10.0.0.1')).toBeUndefined();

    const listed = createDestinationGuard({ allowPrivateDestinations: false, allowedCidrs: ['10.20.0.0/16', '::1', 'fd00::/8'] });
    expect(listed.refusedCategory('10.20.3.4')).toBeUndefined();
    expect(listed.refusedCategory('::ffff:10.20.3.4')).toBeUndefined();
    expect(listed.refusedCategory('10.21.0.1')).toBe('private');
    expect(listed.refusedCategory('::1')).toBeUndefined();
    expect(listed.refusedCategory('127.0.0.1')).toBe('loopback');
    expect(listed.refusedCategory('fd00::5')).toBeUndefined();
  });

  it('rejects malformed CIDRs at construction', () => {
    for (const cidr of ['10.0.0.0/33', 'example.com/8', '10.0.0.0/', '::1/129', '1.2.3.4/8/9']) {
      expect(() => createDestinationGuard({ allowPrivateDestinations: false, allowedCidrs: [cidr] }), cidr).toThrow(/Invalid CIDR/);
    }
  });

  it('checks IP-literal hosts (which never reach DNS) and leaves names to lookup', () => {
    expect(strict.checkHost('127.0.0.1')).toBeInstanceOf(DestinationRefusedError);
    expect(strict.checkHost('[::1]')?.message).toMatch(/::1 is a loopback address/);
    expect(strict.checkHost('8.8.8.8')).toBeUndefined();
    expect(strict.checkHost('hooks.example.com')).toBeUndefined();
  });

  it('refuses a name resolving to a refused address at lookup time, in both callback forms', async () => {
    const lookup = (guard: typeof strict, all: boolean) =>
      new Promise<{ error: Error | null; address: string | LookupAddress[] }>((resolve) =>
        guard.lookup('localhost', { all }, (error, address) => resolve({ error, address })),
      );
    const refused = await lookup(strict, false);
    expect(refused.error).toBeInstanceOf(DestinationRefusedError);
    expect(refused.error?.message).toMatch(/^Destination refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);

    const open = createDestinationGuard({ allowPrivateDestinations: true });
    const single = await lookup(open, false);
    expect(single.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(single.address);
    const all = await lookup(open, true);
    expect(Array.isArray(all.address) && all.address.length).toBeGreaterThan(0);
  });

  it('normalises embedded IPv4 forms', () => {
    expect(normalizeAddress('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(normalizeAddress('::FFFF:C0A8:1')).toBe('192.168.0.1');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeAddress('not-an-ip')).toBeUndefined();
  });
});
