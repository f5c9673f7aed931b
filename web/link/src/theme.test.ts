import { describe, expect, it } from 'vitest';
import { contrast } from '../../ui/src/contrast';
import { DEFAULT_PRIMARY, DEFAULT_SECONDARY } from '../../ui/src/tokens';
import { normaliseHex, onColour, themeVars } from './theme';

describe('normaliseHex', () => {
  it('accepts #rgb and #rrggbb only', () => {
    expect(normaliseHex('#ABC')).toBe('#aabbcc');
    expect(normaliseHex(' #1F4BD8 ')).toBe('#1f4bd8');
    expect(normaliseHex('red')).toBeNull();
    expect(normaliseHex('#12345')).toBeNull();
    expect(normaliseHex('#fff;background:url(x)')).toBeNull();
    expect(normaliseHex(null)).toBeNull();
  });
});

describe('contrast', () => {
  it('matches the WCAG formula at the extremes', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('keeps the default palette at AA for text', () => {
    expect(contrast(DEFAULT_PRIMARY, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DEFAULT_SECONDARY, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // Pairs used in styles/*.css (muted text, status pills, error notice, required badge).
    const pairs: [string, string][] = [
      ['#4b5563', '#ffffff'],
      ['#4b5563', '#e5e7eb'],
      ['#067647', '#ecfdf3'],
      ['#93370d', '#fffaeb'],
      ['#912018', '#fef3f2'],
      ['#374151', '#f1f3f6'],
      ['#1e3a8a', '#eef2ff'],
      ['#1f4bd8', '#eef2fb'],
      ['#ffffff', '#b42318'],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
});

describe('themeVars', () => {
  it('uses the defaults for missing or invalid colours', () => {
    expect(themeVars(undefined, 'nope')).toMatchObject({ '--dw-primary': DEFAULT_PRIMARY, '--dw-secondary': DEFAULT_SECONDARY, '--dw-on-primary': '#ffffff' });
  });

  it('picks readable text on light brand colours and keeps accents dark enough', () => {
    const vars = themeVars('#ffd400', '#f5f5f5');
    expect(vars['--dw-on-primary']).not.toBe('#ffffff');
    expect(vars['--dw-on-secondary']).not.toBe('#ffffff');
    expect(contrast(vars['--dw-accent']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(onColour('#0b1b3f')).toBe('#ffffff');
  });
});
