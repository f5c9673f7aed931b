import { toIso, type Clock } from '../domain/clock.js';
import type { DomainEvent } from '../domain/events.js';
import { newId } from '../domain/ids.js';
import { consumerWants, newWebhookMessage } from '../domain/webhook-message.js';
import type { EventPublisher } from '../services/deps.js';
import type { Store } from '../storage/ports.js';
import { renderEventBody, renderTestEventBody } from '../wire/codat/events.js';
import type { WireContext } from '../wire/codat/wire-context.js';

/**
 * The transactional outbox: `publish` is called with the transaction's store, so the event and
 * its messages commit or roll back together with the change that caused them. The body is
 * rendered once, in Codat's envelope, and sent byte for byte on every attempt.
 */
export function createEventPublisher(options: { wire: WireContext; clock: Clock; onPublished?: () => void }): EventPublisher {
  const { wire, clock } = options;
  // The worker polls anyway; this only shortens the wait. The delay lets the transaction commit first.
  const wakeWorker = () => {
    if (options.onPublished) setTimeout(options.onPublished, 2).unref();
  };
  return {
    async publish(store: Store, event: DomainEvent) {
      const now = toIso(clock.now());
      const id = newId();
      const body = renderEventBody(wire, event, { id, generatedDate: now });
      const clientId = event.company.clientId;
      await store.webhookOutbox.insertEvent({ id, clientId, eventType: event.type, companyId: event.company.id, body, created: now });
      const consumers = await store.webhookConsumers.list(clientId);
      const messages = consumers
        .filter((consumer) => consumerWants(consumer, event.type, event.company.tags))
        .map((consumer) => newWebhookMessage({ clientId, consumerId: consumer.id, eventId: id, eventType: event.type, now }));
      if (messages.length === 0) return;
      await store.webhookOutbox.insertMessages(messages);
      wakeWorker();
    },
    async publishTest(store, { clientId, consumerId }) {
      const now = toIso(clock.now());
      const eventId = newId();
      const body = renderTestEventBody({ id: eventId, generatedDate: now });
      const message = newWebhookMessage({ clientId, consumerId, eventId, eventType: 'webhook.test', now });
      await store.webhookOutbox.insertEvent({ id: eventId, clientId, eventType: 'webhook.test', companyId: null, body, created: now });
      await store.webhookOutbox.insertMessages([message]);
      wakeWorker();
      return message;
    },
  };
}
