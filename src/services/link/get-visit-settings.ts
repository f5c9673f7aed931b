import { narrowLinkSettings } from '../../domain/link/link-embedding.js';
import type { LinkSettings } from '../../domain/link/link-settings.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { Store } from '../../storage/ports.js';
import { getLinkSettings } from './get-link-settings.js';

/**
 * The client's Link settings as one visit sees them: an embedded mount's options narrow them
 * (domain/link/link-embedding.ts); a Hosted Link visit sees them as saved. Every step of a visit
 * reads its settings here, so a step can never offer what the state screen did not.
 */
export async function getVisitSettings(deps: { store: Store }, session: LinkSession): Promise<LinkSettings> {
  return narrowLinkSettings(await getLinkSettings(deps, session.clientId), session.embed?.options);
}
