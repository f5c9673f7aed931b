/**
 * The delivery extensions over HTTP: signing secret and rotation overlap, the message log with
 * attempts, resend, recover, test events, disable/enable, and the SSRF guard's refusal.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { TEST_DIALECTS } from '../support/databases.js';

describe.each(TEST_DIALECTS)('webhook delivery over HTTP on %s', (dialect) => {
  let doorway: RunningDoorway;
  let receiver: WebhookReceiver;

  async function subscribe(url: string) {
    const consumer = await doorway.api('POST', '/webhooks', { url, eventTypes: ['company.created'] });
    return consumer.json.id as string;
  }

  async function messagesOf(consumerId: string) {
    return (await doorway.api('GET', `/webhooks/${consumerId}/messages`)).json.results as { id: string; status: string; attempts: number }[];
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 8000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    doorway = await startDoorway({ dialect, webhookWorker: true, config: { webhooks: { worker: 'off', allowPrivateDestinations: true, retryScheduleSeconds: [0, 0, 0], retentionDays: 30, timeoutMs: 2000, concurrency: 8 } } });
    receiver = await startWebhookReceiver();
  });
  // A test that fails half-way must not leave its consumer subscribed to the next test's events.
  afterEach(async () => {
    const consumers = (await doorway.api('GET', '/webhooks')).json.results as { id: string }[];
    for (const consumer of consumers) await doorway.api('DELETE', `/webhooks/${consumer.id}`);
  });
  afterAll(async () => {
    await doorway?.close();
    await receiver?.close();
  });

  describe('webhook delivery API', () => {
    it('shows the secret, and after rotation signs with both secrets', async () => {
      const consumerId = await subscribe(receiver.url);
      const first = (await doorway.api('GET', `/webhooks/${consumerId}/secret`)).json.key as string;
      expect(first).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
      const rotated = (await doorway.api('POST', `/webhooks/${consumerId}/secret/rotate`)).json.key as string;
      expect(rotated).not.toBe(first);
      expect((await doorway.api('GET', `/webhooks/${consumerId}/secret`)).json.key).toBe(rotated);

      // A receiver that still only knows the old secret keeps verifying during the overlap.
      receiver.secrets.splice(0, receiver.secrets.length, first);
      const company = (await doorway.api('POST', '/companies', { name: 'Rotation Ltd' })).json;
      await receiver.waitFor((r) => r.some((d) => d.event.payload.id === company.id));
      const delivery = receiver.received.find((d) => d.event.payload.id === company.id)!;
      expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
      await doorway.api('DELETE', `/webhooks/${consumerId}`);
    });

    it('logs messages and attempts, retries failures, resends and recovers', async () => {
      const consumerId = await subscribe(receiver.url);
      receiver.secrets.push((await doorway.api('GET', `/webhooks/${consumerId}/secret`)).json.key as string);
      receiver.respond = () => 500;
      const company = (await doorway.api('POST', '/companies', { name: 'Failing Ltd' })).json;
      await until(async () => (await messagesOf(consumerId)).some((m) => m.status === 'Failure'));
      const [failed] = await messagesOf(consumerId);
      expect(failed!.attempts).toBe(4);
      const attempts = (await doorway.api('GET', `/webhooks/${consumerId}/messages/${failed!.id}/attempts`)).json.results as {
        responseStatusCode: number;
        status: string;
        response: string;
      }[];
      expect(attempts).toHaveLength(4);
      expect(attempts.every((a) => a.responseStatusCode === 500 && a.status === 'Failure')).toBe(true);

      receiver.respond = () => 200;
      expect((await doorway.api('POST', `/webhooks/${consumerId}/messages/${failed!.id}/resend`)).status).toBe(202);
      await receiver.waitFor((r) => r.some((d) => d.id === failed!.id && d.event.payload.id === company.id));
      // The worker records the outcome after the receiver has answered: wait for the record.
      await until(async () => (await messagesOf(consumerId))[0]!.status === 'Success');

      receiver.respond = () => 503;
      const other = (await doorway.api('POST', '/companies', { name: 'Recover Ltd' })).json;
      await until(async () => (await messagesOf(consumerId)).filter((m) => m.status === 'Failure').length === 1);
      receiver.respond = () => 200;
      const recovered = await doorway.api('POST', `/webhooks/${consumerId}/recover`, { since: '2000-01-01T00:00:00Z' });
      expect(recovered.json.recovered).toBe(1);
      await receiver.waitFor((r) => r.some((d) => d.event.payload.id === other.id));
      expect((await doorway.api('POST', `/webhooks/${consumerId}/recover`, { since: 'yesterday' })).status).toBe(400);
      await doorway.api('DELETE', `/webhooks/${consumerId}`);
    });

    it('sends a test event to one consumer, and holds messages while it is disabled', async () => {
      const consumerId = await subscribe(receiver.url);
      receiver.secrets.push((await doorway.api('GET', `/webhooks/${consumerId}/secret`)).json.key as string);
      const test = await doorway.api('POST', `/webhooks/${consumerId}/test`);
      expect(test.status).toBe(202);
      await receiver.waitFor((r) => r.some((d) => d.id === test.json.id && d.event.eventType === 'webhook.test'));

      const disabled = (await doorway.api('PATCH', `/webhooks/${consumerId}`, { disabled: true })).json;
      expect(disabled).toMatchObject({ disabled: true, disabledReason: 'Disabled by the client.' });
      const company = (await doorway.api('POST', '/companies', { name: 'Held Ltd' })).json;
      // Held, not dropped: the message is in the outbox, never attempted...
      const [held] = (await messagesOf(consumerId)).filter((m) => m.id !== test.json.id);
      expect(held).toMatchObject({ status: 'Sending', attempts: 0 });
      // ...and no worker can take it: a claim (leasing until "now", so it holds nothing back) passes it by.
      const now = new Date().toISOString();
      const claimable = await doorway.runtime.deps.store.webhookOutbox.claimDue(now, now, 100);
      expect(claimable.map((claim) => claim.message.id)).not.toContain(held!.id);
      expect(receiver.received.some((d) => d.event.payload.id === company.id)).toBe(false);
      await doorway.api('PATCH', `/webhooks/${consumerId}`, { disabled: false });
      await receiver.waitFor((r) => r.some((d) => d.event.payload.id === company.id));
      await doorway.api('DELETE', `/webhooks/${consumerId}`);
    });

    it("answers 404 for another consumer's or an unknown message", async () => {
      const consumerId = await subscribe(receiver.url);
      expect((await doorway.api('GET', `/webhooks/${consumerId}/messages/msg_unknown/attempts`)).status).toBe(404);
      expect((await doorway.api('POST', '/webhooks/00000000-0000-4000-8000-000000000000/test')).status).toBe(404);
      expect((await doorway.api('GET', '/webhooks/not-a-uuid/secret')).status).toBe(404);
      await doorway.api('DELETE', `/webhooks/${consumerId}`);
    });
  });

  describe('SSRF guard', () => {
    it('refuses loopback destinations unless the operator allows them', async () => {
      const guarded = await startDoorway({ dialect, webhookWorker: true, config: { webhooks: { worker: 'off', allowPrivateDestinations: false, retryScheduleSeconds: [0], retentionDays: 30, timeoutMs: 2000, concurrency: 4 } } });
      try {
        const consumer = await guarded.api('POST', '/webhooks', { url: receiver.url, eventTypes: ['company.created'] });
        const before = receiver.received.length;
        await guarded.api('POST', '/companies', { name: 'SSRF Ltd' });
        const consumerId = consumer.json.id as string;
        const deadline = Date.now() + 8000;
        let messages: { id: string; status: string }[] = [];
        while (Date.now() < deadline) {
          messages = (await guarded.api('GET', `/webhooks/${consumerId}/messages`)).json.results;
          if (messages[0]?.status === 'Failure') break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        expect(messages[0]?.status).toBe('Failure');
        const attempts = (await guarded.api('GET', `/webhooks/${consumerId}/messages/${messages[0]!.id}/attempts`)).json.results as { response: string; responseStatusCode: number | null }[];
        expect(attempts[0]!.responseStatusCode).toBeNull();
        expect(attempts[0]!.response).toMatch(/refused|private|loopback/i);
        expect(receiver.received.length).toBe(before);
      } finally {
        await guarded.close();
      }
    });
  });
});
