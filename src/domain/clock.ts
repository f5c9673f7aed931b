/** Time is a dependency: services never call `Date.now()` directly, so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC with milliseconds: sorts lexicographically, which our storage relies on. */
export const toIso = (date: Date): string => date.toISOString();
