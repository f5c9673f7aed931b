import { describe, expect, it } from 'vitest';
import { paragraphs } from './paragraphs';

describe('paragraphs', () => {
  it('splits on blank lines and drops empty parts', () => {
    expect(paragraphs('One\nstill one\n\n  \n\nTwo\r\n\r\nThree  ')).toEqual(['One\nstill one', 'Two', 'Three']);
    expect(paragraphs('   ')).toEqual([]);
  });
});
