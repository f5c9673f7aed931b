import { describe, expect, it } from 'vitest';
import { inlineMarkdown } from './inline-markdown';

describe('inlineMarkdown', () => {
  it('finds bold, emphasis and links among plain text', () => {
    expect(inlineMarkdown('Read **only**, *never* shared. See [our terms](https://lender.example/terms).')).toEqual([
      { kind: 'text', text: 'Read ' },
      { kind: 'strong', text: 'only' },
      { kind: 'text', text: ', ' },
      { kind: 'em', text: 'never' },
      { kind: 'text', text: ' shared. See ' },
      { kind: 'link', text: 'our terms', href: 'https://lender.example/terms' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps a link to anything but http(s) or mailto as text, and leaves plain text and underscores alone', () => {
    expect(inlineMarkdown('[click](javascript:alert(1))')).toEqual([{ kind: 'text', text: '[click](javascript:alert(1))' }]);
    expect(inlineMarkdown('snake_case_name, 2 * 3 = 6')).toEqual([{ kind: 'text', text: 'snake_case_name, 2 * 3 = 6' }]);
    expect(inlineMarkdown('')).toEqual([]);
  });
});
