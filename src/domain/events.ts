import type { Company } from './company.js';
import type { Connection } from './connection.js';

/** The Codat event types Doorway emits (codat-spec §6.2). */
export const EVENT_TYPES = [
  'company.created',
  'company.deleted',
  'connection.created',
  'connection.connected',
  'connection.failed',
  'connection.disconnected',
  'connection.reconnected',
  'connection.deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A state change, in domain terms; the webhook layer renders Codat's payload from it. */
export type DomainEvent =
  | { type: 'company.created' | 'company.deleted'; company: Company }
  | { type: Exclude<EventType, 'company.created' | 'company.deleted'>; company: Company; connection: Connection };

/** The event a connection's move to Linked fires: first link, or a return from Unlinked/Deauthorized. */
export const linkedEventType = (previous: Connection['status']): EventType =>
  previous === 'PendingAuth' ? 'connection.connected' : 'connection.reconnected';
