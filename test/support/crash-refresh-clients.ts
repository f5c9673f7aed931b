/**
 * The clients of the token-refresh crash test (test/crash/token-refresh-crash.test.ts): linking
 * connections to the built-in Sandbox through the real Link flow over HTTP, readers of
 * `GET .../accessToken` that keep going through kills (and use some tokens at the Sandbox API),
 * and the final forced read of every connection. Every 5xx anywhere is collected.
 */
import { expect } from 'vitest';
import type { Api } from './crash-harness.js';
import type { FinalRead } from './crash-refresh-verdict.js';
import { delay } from './doorway-processes.js';
import { authorizeThroughSandbox, HttpLinkClient } from './http-link-client.js';
import type { SeededRandom } from './seeded-random.js';

export interface Linked {
  companyId: string;
  connectionId: string;
}

/** Everything that answered 5xx, anywhere: any one fails the test. */
export type ServerErrors = string[];

export async function linkConnections(baseUrl: string, api: Api, count: number, errors: ServerErrors): Promise<Linked[]> {
  const linked: Linked[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const company = await api('POST', '/companies', { name: `Refresh crash ${index}` });
      expect(company.status).toBe(200);
      const companyId = company.json.id as string;
      const browser = new HttpLinkClient(baseUrl);
      const { sessionId } = await browser.open(`/link/company/${companyId}`);
      const { connectionId, callback } = await authorizeThroughSandbox(browser, sessionId, 'authorize');
      if (callback.status >= 500) errors.push(`Link callback answered ${callback.status}`);
      linked.push({ companyId, connectionId });
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return linked;
}

export interface Reading {
  stop: boolean;
  reads: Record<string, number>;
  /** Tokens handed out, checked against the Sandbox API: status → count ('down': no answer). */
  api: Record<string, number>;
  /** The longest a read took to be answered (a read waits for a refresh leased elsewhere). */
  slowestMs: number;
}

/** Clients reading access tokens (and now and then using one) on random connections until stopped. */
export async function readContinuously(baseUrl: string, api: Api, linked: Linked[], random: SeededRandom, reading: Reading, errors: ServerErrors): Promise<void> {
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const lane = async () => {
    while (!reading.stop) {
      const { companyId, connectionId } = random.pick(linked);
      const useToken = random.next() < 0.25;
      const sentAt = Date.now();
      try {
        const read = await api('GET', `/companies/${companyId}/connections/${connectionId}/accessToken`);
        reading.slowestMs = Math.max(reading.slowestMs, Date.now() - sentAt);
        count(reading.reads, String(read.status));
        if (read.status >= 500) errors.push(`accessToken read answered ${read.status}: ${JSON.stringify(read.json)}`);
        if (read.status === 200 && useToken) {
          const answer = await callSandboxApi(baseUrl, read.json.accessToken as string);
          count(reading.api, String(answer));
          if (answer >= 500) errors.push(`Sandbox API answered ${answer}`);
        }
      } catch (error) {
        // No answer: the process was killed or is restarting, or (PostgreSQL) the read waited for a
        // refresh leased by a killed process longer than the client's 15 s patience.
        count(reading.reads, (error as Error).name === 'TimeoutError' ? 'timeout' : 'down');
        await delay(50);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
}

export async function callSandboxApi(baseUrl: string, accessToken: string): Promise<number> {
  const response = await fetch(`${baseUrl}/sandbox/api/company`, { headers: { Authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return response.status;
}

/** After everything is restarted: a forced refresh of every connection, and its token used. */
export async function finalReads(baseUrl: string, api: Api, linked: Linked[], errors: ServerErrors): Promise<Map<string, FinalRead>> {
  const reads = new Map<string, FinalRead>();
  let next = 0;
  const lane = async () => {
    while (next < linked.length) {
      const { companyId, connectionId } = linked[next++]!;
      const read = await api('GET', `/companies/${companyId}/connections/${connectionId}/accessToken?forceRefresh=true`);
      if (read.status >= 500) errors.push(`final accessToken read answered ${read.status}: ${JSON.stringify(read.json)}`);
      const apiStatus = read.status === 200 ? await callSandboxApi(baseUrl, read.json.accessToken as string) : null;
      reads.set(connectionId, { status: read.status, apiStatus, message: read.status === 200 ? '' : String(read.json.error ?? read.json.message ?? '') });
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return reads;
}
