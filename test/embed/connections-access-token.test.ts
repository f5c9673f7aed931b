import { describe, expect, it } from 'vitest';
import { createCompanyAccessTokens } from '../../src/security/company-access-tokens.js';
import { companyIdFromAccessToken } from '../../web/embed/src/connections/access-token.js';

describe('companyIdFromAccessToken', () => {
  const tokens = createCompanyAccessTokens(Buffer.alloc(32, 3));
  const companyId = '0b9f3c4e-8a51-4d2b-9d1e-6f7a2b3c4d5e';

  it("reads the company of a token Doorway issued, whatever the payload's padding", () => {
    for (const clientId of ['c', 'cl', 'cli', 'a client id of another length']) {
      expect(companyIdFromAccessToken(tokens.issue({ clientId, companyId, expiresAt: 1_900_000_000 }))).toBe(companyId);
    }
  });

  it('answers undefined for anything that is not a token naming a company', () => {
    const notJson = `dwat_${Buffer.from('not json').toString('base64url')}.sig`;
    const noCompany = `dwat_${Buffer.from(JSON.stringify({ c: 'x', co: 42 })).toString('base64url')}.sig`;
    const notUuid = `dwat_${Buffer.from(JSON.stringify({ c: 'x', co: '../../admin' })).toString('base64url')}.sig`;
    for (const token of ['', 'Bearer x', 'dwat_', 'dwat_abc', notJson, noCompany, notUuid]) expect(companyIdFromAccessToken(token), token).toBeUndefined();
  });
});
