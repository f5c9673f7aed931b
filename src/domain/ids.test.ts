import { describe, expect, it } from 'vitest';
import { deterministicUuid, isUuid, newId, newPrefixedId } from './ids.js';

describe('ids', () => {
  it('makes time-ordered version 7 UUIDs, so new rows land next to each other in every index', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millisecond = (id: string) => id.slice(0, 13);
    expect(ids.map(millisecond)).toEqual([...ids.map(millisecond)].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps everything after the timestamp random: one id does not give away the next', () => {
    // Ids made in the same millisecond must not share or count up their random part (a Link URL
    // is a company id; a counter would make a neighbour's guessable).
    const randomPart = (id: string) => BigInt(`0x${id.replaceAll('-', '').slice(13)}`);
    const ids = Array.from({ length: 2000 }, () => newId());
    let predictable = 0;
    for (let i = 1; i < ids.length; i++) {
      const delta = randomPart(ids[i]!) - randomPart(ids[i - 1]!);
      if (delta >= 0n && delta < 1n << 48n) predictable += 1;
    }
    expect(predictable).toBe(0);
  });

  it('makes prefixed ids that sort by creation', () => {
    const ids = Array.from({ length: 100 }, () => newPrefixedId('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{12}7[0-9a-f]{19}$/);
    expect(ids.map((id) => id.slice(0, 16))).toEqual([...ids.map((id) => id.slice(0, 16))].sort());
  });

  it('recognises UUIDs of any version and nothing else', () => {
    expect(isUuid(newId())).toBe(true);
    expect(isUuid('8a210b68-6988-11ed-a1eb-0242ac120002')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(`${newId()}x`)).toBe(false);
  });

  it('derives the same UUID from the same name', () => {
    expect(deterministicUuid('ns', 'a')).toBe(deterministicUuid('ns', 'a'));
    expect(deterministicUuid('ns', 'a')).not.toBe(deterministicUuid('ns', 'b'));
    expect(isUuid(deterministicUuid('ns', 'a'))).toBe(true);
  });
});
