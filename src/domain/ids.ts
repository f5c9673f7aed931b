import { createHash } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import { createSecureRandom } from './secure-random.js';

/** Entropy only: it holds no state the application could observe or depend on. */
const entropy = createSecureRandom();

/**
 * Codat's ids (company, connection, webhook consumer, api key, event) are UUID strings. Ours are
 * version 7: time-ordered, so a new row's primary key lands next to the previous one instead of
 * on a random index page. On SQLite that halved the cost of writing a company with its tag and
 * event (each random key touched its own page in every commit); PostgreSQL's B-trees gain the
 * same locality. A company id is also the capability in its Link URL, so all 74 bits after the
 * timestamp are fresh randomness for every id: the library's default instead counts up within
 * a millisecond, which would let one Link URL reveal most of its neighbour's.
 */
export const newId = (): string => timeOrderedUuid({ random: entropy.bytes(16) });

/** `bytes` of fresh randomness as base64url: session, state and cookie handles, PKCE verifiers. */
export const randomToken = (bytes: number): string => entropy.bytes(bytes).toString('base64url');

/** A prefixed, time-ordered id in Svix's style (`msg_…`, `atmpt_…`): the v7 UUID's 32 hex digits. */
export const newPrefixedId = (prefix: string): string => `${prefix}_${newId().replaceAll('-', '')}`;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** A stable UUID (v5 layout, SHA-1) derived from a name, for ids that must not change between runs. */
export function deterministicUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(`${namespace}:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
