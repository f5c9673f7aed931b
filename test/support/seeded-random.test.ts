import { describe, expect, it } from 'vitest';
import { createSeededRandom, seededRandomFromEnv } from './seeded-random.js';

describe('seeded random', () => {
  const draws = (seed: number, n = 5) => {
    const random = createSeededRandom(seed);
    return Array.from({ length: n }, () => random.next());
  };

  it('replays the same sequence for the same seed, and another for another seed', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
    for (const value of draws(7, 1000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('derives independent, replayable sources by label', () => {
    const a = createSeededRandom(9).derive('sqlite');
    const b = createSeededRandom(9).derive('sqlite');
    const c = createSeededRandom(9).derive('postgres');
    const take = (r: typeof a) => [r.next(), r.next(), r.next()];
    expect(take(a)).toEqual(take(b));
    expect(take(createSeededRandom(9).derive('sqlite'))).not.toEqual(take(c));
  });

  it('shuffles into a permutation and picks from the list', () => {
    const random = createSeededRandom(1);
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect([...random.shuffled(items)].sort()).toEqual(items);
    expect(items).toContain(random.pick(items));
  });

  it('reads the seed from the environment and prints it', () => {
    const lines: string[] = [];
    process.env.TEST_SEEDED_RANDOM_SEED = '1234';
    try {
      expect(seededRandomFromEnv('TEST_SEEDED_RANDOM_SEED', (line) => lines.push(line)).seed).toBe(1234);
    } finally {
      delete process.env.TEST_SEEDED_RANDOM_SEED;
    }
    expect(lines.join('\n')).toContain('TEST_SEEDED_RANDOM_SEED=1234');
    const generated = seededRandomFromEnv('TEST_SEEDED_RANDOM_SEED', (line) => lines.push(line));
    expect(lines.at(-1)).toContain(`TEST_SEEDED_RANDOM_SEED=${generated.seed} (generated)`);
  });
});
