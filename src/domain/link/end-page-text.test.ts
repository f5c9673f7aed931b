import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_TEXT } from './default-text.js';
import { endPageText, listPlatformNames } from './end-page-text.js';

describe('end page text', () => {
  it('names what is connected, or says that nothing was shared', () => {
    expect(endPageText(DEFAULT_LINK_TEXT, ['Sandbox'])).toEqual({
      title: "You're all set",
      message: 'Thank you. You shared data from Sandbox. You may now close this window.',
    });
    expect(endPageText(DEFAULT_LINK_TEXT, []).title).toBe('Nothing was shared');
    expect(endPageText(DEFAULT_LINK_TEXT, []).message).toMatch(/same link again/);
  });

  it('lists several platforms in plain English and substitutes once', () => {
    expect(listPlatformNames(['Sandbox', 'Xero'])).toBe('Sandbox and Xero');
    expect(listPlatformNames(['A', 'B', 'C'])).toBe('A, B, and C');
    expect(endPageText({ ...DEFAULT_LINK_TEXT, 'finished.body': '{platformNames}' }, ['{platformNames} Ltd']).message).toBe('{platformNames} Ltd');
  });
});
