import { createStaffUser } from '../src/services/portal-auth/create-staff-user.js';
import type { BenchDoorway } from './doorway.js';

/**
 * A signed-in Portal session for the benchmark, made the way a browser makes one: a viewer of the
 * bench client, the Portal page (its pre-session CSRF cookie and token), then `POST
 * /portal/api/session`. Returns the Cookie header its requests carry.
 */
export async function signInBenchViewer(doorway: BenchDoorway): Promise<string> {
  const email = 'bench-viewer@doorway.test';
  const password = 'a bench password that is long enough';
  await createStaffUser(doorway.runtime.deps, { clientId: doorway.clientId, email, password, role: 'viewer' });
  const page = await fetch(`${doorway.url}/portal`);
  const html = await page.text();
  const token = (JSON.parse(/id="doorway-portal-bootstrap">([^<]*)</.exec(html)?.[1] ?? '{}') as { preSessionCsrfToken?: string }).preSessionCsrfToken;
  const csrfCookie = cookiePair(page.headers.getSetCookie(), 'dw_portal_csrf');
  if (!token || !csrfCookie) throw new Error('bench: the Portal page gave no pre-session CSRF token');
  const signedIn = await fetch(`${doorway.url}/portal/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ email, password }),
  });
  const session = cookiePair(signedIn.headers.getSetCookie(), 'dw_portal_session');
  if (signedIn.status !== 201 || !session) throw new Error(`bench: Portal sign-in answered ${signedIn.status}: ${(await signedIn.text()).slice(0, 200)}`);
  return session;
}

function cookiePair(lines: string[], name: string): string | undefined {
  return lines.map((line) => line.split(';')[0] ?? '').find((pair) => pair.startsWith(`${name}=`));
}
