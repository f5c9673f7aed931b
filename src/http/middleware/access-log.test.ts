import { describe, expect, it } from 'vitest';
import { loggablePath } from './access-log.js';

describe('loggablePath', () => {
  it('keeps invitation tokens out of the log and leaves other paths alone', () => {
    expect(loggablePath('/portal/invitations/abcDEF_123-xyz')).toBe('/portal/invitations/[token]');
    expect(loggablePath('/portal/api/invitation-links/abcDEF_123-xyz')).toBe('/portal/api/invitation-links/[token]');
    expect(loggablePath('/portal/api/invitations/0192-id')).toBe('/portal/api/invitations/0192-id');
    expect(loggablePath('/portal/companies/abc')).toBe('/portal/companies/abc');
  });
});
