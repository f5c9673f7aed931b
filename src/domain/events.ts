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
