import { toIso } from '../../domain/clock.js';
import { newId } from '../../domain/ids.js';
import type { LinkEventType, LinkSession } from '../../domain/link/link-session.js';
import type { Clock } from '../../domain/clock.js';
import type { Store } from '../../storage/ports.js';

/** Appends one step of a visit to the funnel log (opened → … → completed | exited). */
export async function recordLinkEvent(
  deps: { store: Store; clock: Clock },
  session: LinkSession,
  type: LinkEventType,
  extra: { connectionId?: string | null; platformKey?: string | null; sourceType?: string | null; detail?: Record<string, unknown> | null } = {},
): Promise<void> {
  // The Connections SDK's visits are not onboarding: they would skew the funnel's drop-out.
  if (session.embed?.component === 'connections') return;
  await deps.store.linkEvents.insert({
    id: newId(),
    clientId: session.clientId,
    companyId: session.companyId,
    sessionId: session.id,
    connectionId: extra.connectionId ?? null,
    platformKey: extra.platformKey ?? null,
    sourceType: extra.sourceType ?? null,
    type,
    detail: extra.detail ?? null,
    created: toIso(deps.clock.now()),
  });
}
