/**
 * The crash tests' verdict: what the receiver got against the companies that exist (at least
 * once, duplicates byte-identical, nothing phantom), what the outbox recorded, and proof that
 * the kills hit work in flight.
 */
import { expect } from 'vitest';
import type { KillRecord, OutboxOutcome, Production } from './crash-harness.js';
import type { DoorwayFleet } from './doorway-processes.js';
import type { ReceivedWebhook, WebhookReceiver } from './webhook-receiver.js';

export interface Verdict {
  deliveries: number;
  distinctMessages: number;
  /** Messages received more than once, and the extra deliveries they account for. */
  duplicatedMessages: number;
  extraDeliveries: number;
  /** webhook-ids whose bodies differed between deliveries. */
  conflictingBodies: string[];
  /** Existing companies with no company.created received. */
  missing: string[];
  /** Companies announced but not existing (an event for a rolled-back create). */
  phantom: string[];
  /** Companies announced under more than one webhook-id (the event was published twice). */
  announcedTwice: string[];
  otherEventTypes: number;
}

export function judge(received: ReceivedWebhook[], existing: Set<string>): Verdict {
  const bodyById = new Map<string, string>();
  const countById = new Map<string, number>();
  const conflictingBodies = new Set<string>();
  const webhookIdsByCompany = new Map<string, Set<string>>();
  let otherEventTypes = 0;
  for (const delivery of received) {
    const first = bodyById.get(delivery.id);
    if (first === undefined) bodyById.set(delivery.id, delivery.body);
    else if (first !== delivery.body) conflictingBodies.add(delivery.id);
    countById.set(delivery.id, (countById.get(delivery.id) ?? 0) + 1);
    if (delivery.event.eventType !== 'company.created') {
      otherEventTypes += 1;
      continue;
    }
    const companyId = delivery.event.payload.id as string;
    const ids = webhookIdsByCompany.get(companyId) ?? new Set<string>();
    ids.add(delivery.id);
    webhookIdsByCompany.set(companyId, ids);
  }
  const counts = [...countById.values()];
  return {
    deliveries: received.length,
    distinctMessages: countById.size,
    duplicatedMessages: counts.filter((n) => n > 1).length,
    extraDeliveries: received.length - countById.size,
    conflictingBodies: [...conflictingBodies],
    missing: [...existing].filter((id) => !webhookIdsByCompany.has(id)),
    phantom: [...webhookIdsByCompany.keys()].filter((id) => !existing.has(id)),
    announcedTwice: [...webhookIdsByCompany].filter(([, ids]) => ids.size > 1).map(([id]) => id),
    otherEventTypes,
  };
}

/** Waits until every company in `existing` has been announced at least once. */
export async function waitForAnnouncements(receiver: WebhookReceiver, existing: Set<string>, timeoutMs: number): Promise<void> {
  try {
    await receiver.waitFor((received) => {
      const announced = new Set(received.map((r) => r.event.payload.id as string));
      for (const id of existing) if (!announced.has(id)) return false;
      return true;
    }, timeoutMs);
  } catch {
    // Fall through: the assertions below name what is missing.
  }
}

/** Everything a crash run ends with. */
export interface CrashOutcome {
  production: Production;
  /** Every company that exists at the end, through the API. */
  existing: Set<string>;
  verdict: Verdict;
  outbox: OutboxOutcome;
  kills: KillRecord[];
}

/** One line for people reading CI output; `extra` ends it (the seed, lease mode, solo deliveries). */
export function report(label: string, startedAt: number, { production, existing, verdict, outbox, kills }: CrashOutcome, extra = ''): void {
  const killText = kills
    .map((k) => `${k.phase}@${(k.atMs / 1000).toFixed(1)}s ${k.targets.join('+')} (confirmed ${k.confirmed}, received ${k.receivedDistinct}, pending ${k.pending}, leased ${k.leased})`)
    .join('; ');
  console.log(
    `[webhook crash ${label}] companies ${existing.size} (confirmed by the API ${production.confirmed.size}, POST retries ${production.retries}); ` +
      `deliveries received ${verdict.deliveries}, distinct webhook-ids ${verdict.distinctMessages}, ` +
      `duplicated webhook-ids ${verdict.duplicatedMessages} (${verdict.extraDeliveries} extra deliveries), missing ${verdict.missing.length}, ` +
      `outbox messages ${outbox.messages} (Success ${outbox.succeeded}), SIGKILLs ${kills.reduce((n, k) => n + k.targets.length, 0)}; ${((Date.now() - startedAt) / 1000).toFixed(1)} s${extra}\n  kills: ${killText}`,
  );
}

export function expectCorrect(
  { production, existing, verdict, outbox, kills }: CrashOutcome,
  receiver: WebhookReceiver,
  fleet: DoorwayFleet,
  expected: { companies: number; minChaosKills: number },
): void {
  expect(fleet.unexpectedExits).toEqual([]);
  expect(receiver.rejected, 'deliveries failing svix verification').toBe(0);
  expect(production.confirmed.size).toBe(expected.companies);
  expect([...production.confirmed].filter((id) => !existing.has(id)), 'confirmed companies that do not exist').toEqual([]);
  expect(verdict.missing, 'companies whose company.created never arrived').toEqual([]);
  expect(verdict.phantom, 'company.created for companies that do not exist').toEqual([]);
  expect(verdict.conflictingBodies, 'webhook-ids delivered with different bodies').toEqual([]);
  expect(verdict.announcedTwice, 'companies announced under several webhook-ids').toEqual([]);
  expect(verdict.otherEventTypes).toBe(0);
  // One message per company, and the outbox itself ends with every one recorded as delivered.
  expect(outbox).toEqual({ messages: existing.size, succeeded: existing.size });
  const chaosKills = kills.filter((k) => k.phase === 'chaos');
  expect(chaosKills.length).toBeGreaterThanOrEqual(expected.minChaosKills);
  // The kills really hit undelivered work (messages pending in the outbox right after the kill),
  // so the test cannot pass by killing an idle process.
  expect(chaosKills.some((k) => k.pending > 0), 'a kill while messages were pending').toBe(true);
  expect(chaosKills.some((k) => k.leased > 0), 'a kill while deliveries were in flight').toBe(true);
  // And some delivery reached the receiver but was not recorded before a kill: redelivered.
  expect(verdict.extraDeliveries, 'redeliveries after kills').toBeGreaterThan(0);
}

