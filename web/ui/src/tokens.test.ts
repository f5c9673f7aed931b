import { describe, expect, it } from 'vitest';
import { contrast } from './contrast';
import { COLOURS, DARK_COLOURS, tokensCss, type ColourName } from './tokens';

/** Text (or focus ring) on background: the pairs the UIs and the server pages use. */
const PAIRS: Array<[ColourName, ColourName]> = [
  ['ink', 'page'],
  ['ink', 'card'],
  ['muted', 'page'],
  ['muted', 'card'],
  ['on-primary', 'primary'],
  ['on-secondary', 'secondary'],
  ['accent', 'card'],
  ['ink', 'selected'],
  ['danger-ink', 'danger-bg'],
  ['ok', 'ok-bg'],
  ['warn', 'warn-bg'],
  ['neutral', 'neutral-bg'],
];

describe('the palette', () => {
  it('keeps every text pair at WCAG AA (4.5:1), light and dark', () => {
    const dark = { ...COLOURS, ...DARK_COLOURS };
    const failures = PAIRS.flatMap(([text, background]) => [
      ...(contrast(COLOURS[text], COLOURS[background]) < 4.5 ? [`light ${text} on ${background}`] : []),
      ...(contrast(dark[text], dark[background]) < 4.5 ? [`dark ${text} on ${background}`] : []),
    ]);
    expect(failures).toEqual([]);
  });

  it('writes every token as a custom property, with dark overrides only when asked', () => {
    const css = tokensCss('.x');
    expect(css).toContain('--dw-ink: #111827;');
    expect(css).toContain('--dw-radius-md: 8px;');
    expect(css).toContain('--dw-focus-width: 3px;');
    expect(css).not.toContain('prefers-color-scheme');
    expect(tokensCss(':root', { darkMode: true })).toMatch(/@media \(prefers-color-scheme: dark\) \{\n:root \{\n {2}--dw-primary: #7ea2ff;/);
  });
});
