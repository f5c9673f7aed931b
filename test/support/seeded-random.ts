/**
 * A small seeded pseudo-random source (mulberry32) for tests whose choices must be replayable:
 * the crash tests take every random decision (when to kill, whom, how long a receiver takes to
 * answer) from one of these, print the seed first, and take it from the environment to replay.
 * Not for anything secret.
 */
import { randomInt } from 'node:crypto';

export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A copy of `items` in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[];
  /** An independent source for one part of a test, so parts do not shift each other's choices. */
  derive(label: string): SeededRandom;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32: a 32-bit state, one multiply-xorshift round per draw.
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: SeededRandom = {
    seed: seed >>> 0,
    next,
    between: (min, max) => min + next() * (max - min),
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    shuffled(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    derive: (label) => createSeededRandom(mixLabel(random.seed, label)),
  };
  return random;
}

/** FNV-1a of the label folded into the seed: the same seed and label always derive the same source. */
function mixLabel(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * The seed from `process.env[variable]` (a decimal integer) or a fresh one, printed either way so
 * that a failing run can be replayed with `<variable>=<seed>`.
 */
export function seededRandomFromEnv(variable: string, log: (line: string) => void = console.log): SeededRandom {
  const given = process.env[variable];
  if (given !== undefined && !/^\d+$/.test(given.trim())) throw new Error(`${variable} must be a non-negative integer, not "${given}"`);
  const seed = given === undefined ? randomInt(0, 2 ** 32) : Number(given.trim()) >>> 0;
  log(`[seeded random] ${variable}=${seed}${given === undefined ? ' (generated)' : ' (from the environment)'}; replay with ${variable}=${seed}`);
  return createSeededRandom(seed);
}
