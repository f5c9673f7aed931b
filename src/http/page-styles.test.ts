import { describe, expect, it } from 'vitest';
import { tokensCss } from '../../web/ui/src/tokens.js';
import { API_REFERENCE_CSS } from './docs/api-reference-page.js';
import { FRIENDLY_PAGE_CSS } from './link/friendly-page.js';
import { SANDBOX_CSS } from './sandbox/sandbox-css.js';

/** The server-rendered pages use the one palette: no colour value of their own. */
describe('server-rendered page styles', () => {
  it.each([
    ['friendly pages', FRIENDLY_PAGE_CSS, tokensCss(':root')],
    ['Sandbox pages', SANDBOX_CSS, tokensCss(':root', { darkMode: true })],
    ['the API reference', API_REFERENCE_CSS, tokensCss(':root')],
  ])('%s take their colours from web/ui/src/tokens.ts', (_name, css, palette) => {
    expect(css).toContain(palette);
    expect(css.replace(palette, '').match(/#[0-9a-f]{3,8}\b/gi)).toBeNull();
  });
});
