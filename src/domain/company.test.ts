import { describe, expect, it } from 'vitest';
import { sanitizeCompanyName, validCompanyName, validTags } from './company.js';
import { AppError } from './errors.js';

describe('company rules', () => {
  it("strips forbidden characters the way Codat does", () => {
    expect(sanitizeCompanyName('Company (Codat[1])')).toBe('Company Codat1');
    expect(sanitizeCompanyName("Bob's Burgers & Co., Ltd. @home?!")).toBe("Bob's Burgers & Co., Ltd. @home?!");
    expect(sanitizeCompanyName('  Two   spaces\t')).toBe('Two spaces');
  });

  it('rejects a name with nothing left after stripping', () => {
    expect(() => validCompanyName('(((]]]')).toThrow(AppError);
  });

  it('enforces tag limits with one validation item per problem', () => {
    expect(validTags({ uid: 'm-1' })).toEqual({ uid: 'm-1' });
    expect(validTags(null)).toEqual({});
    const error = (() => {
      try {
        validTags({ ['x'.repeat(28)]: 'v', ok: 'y'.repeat(101) });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.validation).toHaveLength(2);
  });
});
