import { toIso } from '../domain/clock.js';
import type { WebhookConsumer } from '../domain/webhook-consumer.js';
import type { Store } from '../storage/ports.js';

/**
 * Consumer health (Svix's policy): the first failure after a success starts `failingSince`;
 * any success clears it; a failure once it is `autoDisableAfterMs` old disables the consumer.
 * The claimed copy of the consumer says whether a change is needed at all (most attempts need
 * none, so most cost no extra query); the row is re-read before writing so a concurrent API edit
 * (rotation, URL change) is not overwritten. Returns the consumer if this attempt disabled it.
 */
export async function trackConsumerHealth(
  tx: Store,
  claimed: WebhookConsumer,
  outcome: { succeeded: boolean; at: Date },
  policy: { autoDisableAfterMs: number; disabledReason: string },
): Promise<WebhookConsumer | undefined> {
  const { succeeded, at } = outcome;
  const mayChange = (consumer: WebhookConsumer) =>
    succeeded
      ? consumer.failingSince !== null
      : consumer.failingSince === null || (!consumer.disabled && at.getTime() - Date.parse(consumer.failingSince) >= policy.autoDisableAfterMs);
  if (!mayChange(claimed)) return undefined;
  const current = await tx.webhookConsumers.findByIdUnscoped(claimed.id);
  if (!current || !mayChange(current)) return undefined;
  if (succeeded) {
    await tx.webhookConsumers.update({ ...current, failingSince: null });
    return undefined;
  }
  if (current.failingSince === null) {
    await tx.webhookConsumers.update({ ...current, failingSince: toIso(at) });
    return undefined;
  }
  const disabled = { ...current, disabled: true, disabledReason: policy.disabledReason, modified: toIso(at) };
  await tx.webhookConsumers.update(disabled);
  return disabled;
}

/** "5 days", "12 hours", "90 seconds": for the disabled reason shown to the client. */
export function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}
