import { endPageText } from '../../domain/link/end-page-text.js';
import { resolveLinkText } from '../../domain/link/link-settings.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ServiceDeps } from '../deps.js';
import { getLinkState } from './get-link-state.js';

/** The end page of a visit: what is connected now (Linked connections, by platform name). */
export async function getLinkEnd(deps: Pick<ServiceDeps, 'store' | 'providers'>, session: LinkSession): Promise<{ title: string; message: string }> {
  const state = await getLinkState(deps, session);
  const names = state.categories
    .flatMap((category) => category.connections)
    .filter((connection) => connection.status === 'Linked')
    .map((connection) => deps.providers.get(connection.integrationKey)?.name ?? connection.integrationKey);
  return endPageText(resolveLinkText(state.settings), [...new Set(names)]);
}
