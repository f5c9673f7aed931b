import { LinkApiError, readJson, toError } from '../../../link/src/api';
import type { EmbedSessionBody, EmbedSessionReply } from '../../../../src/wire/link/link-api-schemas';

/**
 * Opens the Link session of one mount (`POST {apiBase}/sessions`): every later call names the
 * session in `X-CSRF-Token` beside the company access token. Failures are the same
 * `LinkApiError`s the Link UI's own calls throw, so one mapping serves both (errors.ts).
 */
export async function openEmbeddedSession(
  apiBase: string,
  accessToken: string,
  options: EmbedSessionBody['options'],
  fetchImpl: typeof fetch = fetch,
  component: EmbedSessionBody['component'] = 'link',
): Promise<EmbedSessionReply> {
  let response: Response;
  try {
    response = await fetchImpl(`${apiBase}/sessions`, {
      method: 'POST',
      // Never the page's cookies: the token is the only credential (docs/embedded-link.md).
      credentials: 'omit',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ component, options }),
    });
  } catch {
    throw new LinkApiError(0, 'network_error', '');
  }
  const json = await readJson(response);
  if (!response.ok) throw toError(response.status, json);
  return json as EmbedSessionReply;
}
