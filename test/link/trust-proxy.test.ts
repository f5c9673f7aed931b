/**
 * Behind a proxy (TRUST_PROXY) the client is the address the trusted proxy appended, the
 * right-most X-Forwarded-For entry that is not a trusted proxy: whatever the client wrote to the
 * left of it is not believed, so it cannot dodge the Invite URL's per-address limit.
 */
import { describe, expect, it } from 'vitest';
import { INVITE_RATE_LIMIT } from '../../src/domain/link/rate-limits.js';
import type { TrustProxy } from '../../src/config/load-config.js';
import { HttpLinkClient } from '../support/http-link-client.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

async function invite(doorway: RunningDoorway, forwardedFor: string): Promise<number> {
  const browser = new HttpLinkClient(doorway.url);
  const { sessionId } = await browser.open('/link/invite/default');
  const headers = { 'X-CSRF-Token': sessionId, 'X-Forwarded-For': forwardedFor };
  return (await browser.request('POST', '/link/api/invite/default', { body: { companyName: 'Spoofer Ltd' }, headers })).status;
}

describe.each(TEST_DIALECTS)('the client address behind a trusted proxy on %s', (dialect) => {
  const settings: Array<[string, TrustProxy]> = [
    ['one hop (TRUST_PROXY=true)', { hops: 1 }],
    ['the proxy named by address (TRUST_PROXY=127.0.0.1)', { addresses: ['127.0.0.1'] }],
  ];
  it.each(settings)('%s: a spoofed left-most X-Forwarded-For entry does not escape the Invite limit', async (_name, trustProxy) => {
    const doorway = await startDoorway({ dialect, config: { trustProxy } });
    try {
      // The client sends a different made-up address each time; the proxy (the test, connecting
      // from 127.0.0.1) appends the address it really saw.
      const statuses: number[] = [];
      for (let i = 0; i <= INVITE_RATE_LIMIT.limit; i++) statuses.push(await invite(doorway, `10.9.8.${i}, 203.0.113.7`));
      expect(statuses.slice(0, INVITE_RATE_LIMIT.limit).every((status) => status === 200)).toBe(true);
      expect(statuses[INVITE_RATE_LIMIT.limit]).toBe(429);
      // Another real client behind the same proxy is counted on its own.
      expect(await invite(doorway, '198.51.100.23')).toBe(200);
    } finally {
      await doorway.close();
    }
  });
});
