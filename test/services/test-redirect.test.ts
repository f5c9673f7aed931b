import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/services/clients/create-client.js';
import { testRedirect, EXAMPLE_COMPANY_ID } from '../../src/services/link/test-redirect.js';
import { updateProfile } from '../../src/services/profile/update-profile.js';
import type { Actor } from '../../src/services/deps.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

// The use-case with the real store and provider catalogue, called directly (no HTTP).
describe.each(TEST_DIALECTS)('testRedirect on %s', (dialect) => {
  let doorway: RunningDoorway;
  let actor: Actor;
  let otherActor: Actor;
  const deps = () => doorway.runtime.deps;

  beforeAll(async () => {
    doorway = await startDoorway({ dialect });
    actor = { clientId: (await createClient(deps(), { name: 'Redirect Lender' })).client.id };
    otherActor = { clientId: (await createClient(deps(), { name: 'Other Lender' })).client.id };
    await updateProfile(deps(), actor, {
      name: 'Redirect Lender',
      redirectUrl: 'https://lender.example/done/{companyId}?status={statusCode}&ref={ref}',
      whiteListUrls: [],
    });
  });
  afterAll(async () => doorway?.close());

  it('resolves the saved redirect with the sample values and allows it', async () => {
    const result = await testRedirect(deps(), actor, { sample: { companyId: 'c-1', query: { ref: 'a b' } } });
    expect(result).toEqual({
      configured: true,
      resolvedUrl: 'https://lender.example/done/c-1?status=200&ref=a%20b',
      allowed: true,
      reason: null,
      placeholders: [
        { name: 'companyId', reserved: true, value: 'c-1' },
        { name: 'statusCode', reserved: true, value: '200' },
        { name: 'ref', reserved: false, value: 'a b' },
      ],
    });
  });

  it('fills platform placeholders from a sample platform and the exit status', async () => {
    const result = await testRedirect(deps(), actor, {
      redirectUrl: 'https://lender.example/{platform}/{platformName}/{sourceType}/{connectionId}?s={statusCode}&e={errorMessage}',
      sample: { platformKey: 'mqjo', connectionId: 'conn-9', outcome: 'exited' },
    });
    expect(result.allowed).toBe(true);
    expect(result.resolvedUrl).toBe('https://lender.example/mqjo/Sandbox/Accounting/conn-9?s=403&e=User%20cancelled.');
  });

  it('gives examples for missing sample values, so a bare test still shows a URL', async () => {
    const result = await testRedirect(deps(), actor, {});
    expect(result.resolvedUrl).toBe(`https://lender.example/done/${EXAMPLE_COMPANY_ID}?status=200&ref=`);
  });

  it('tests unsaved values: a host that a placeholder moves must be on the allow-list', async () => {
    const template = 'https://{env}.lender.example/done';
    const refused = await testRedirect(deps(), actor, { redirectUrl: template, whiteListUrls: ['https://uat.lender.example'], sample: { query: { env: 'prod' } } });
    expect(refused).toMatchObject({ configured: true, allowed: false, resolvedUrl: 'https://prod.lender.example/done' });
    expect(refused.reason).toContain('prod.lender.example is not in the client');

    const broken = await testRedirect(deps(), actor, { redirectUrl: template, whiteListUrls: ['https://uat.lender.example'], sample: { query: { env: 'a#b' } } });
    expect(broken).toMatchObject({ allowed: false, reason: 'The configured redirect does not resolve to a valid URL.' });

    const allowed = await testRedirect(deps(), actor, { redirectUrl: template, whiteListUrls: ['https://uat.lender.example'], sample: { query: { env: 'uat' } } });
    expect(allowed).toMatchObject({ allowed: true, reason: null, resolvedUrl: 'https://uat.lender.example/done' });
  });

  it('says why, in the words the profile save would use, when the settings could not be saved', async () => {
    const noList = await testRedirect(deps(), actor, { redirectUrl: 'https://{env}.lender.example/done', whiteListUrls: [] });
    expect(noList).toMatchObject({ allowed: false });
    expect(noList.reason).toContain('list every URL it may resolve to');

    const badEntry = await testRedirect(deps(), actor, { whiteListUrls: ['ftp://lender.example'] });
    expect(badEntry).toMatchObject({ allowed: false, resolvedUrl: expect.stringContaining('https://lender.example/done/') });
    expect(badEntry.reason).toContain("whiteListUrls entry 'ftp://lender.example'");

    const notWeb = await testRedirect(deps(), actor, { redirectUrl: 'javascript:alert(1)' });
    expect(notWeb).toMatchObject({ allowed: false });
  });

  it('refuses a saved URL outside a saved allow-list', async () => {
    const result = await testRedirect(deps(), actor, { whiteListUrls: ['https://elsewhere.example'] });
    expect(result).toMatchObject({ allowed: false, reason: expect.stringContaining('lender.example') });
  });

  it('reports a client without a redirect: the SMB sees Doorway’s end page', async () => {
    const result = await testRedirect(deps(), otherActor, {});
    expect(result).toMatchObject({ configured: false, resolvedUrl: null, allowed: false });
    expect(result.reason).toContain('No redirect URL is set');
  });

  it('refuses an unknown sample platform as bad input', async () => {
    await expect(testRedirect(deps(), actor, { sample: { platformKey: 'zzzz' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
