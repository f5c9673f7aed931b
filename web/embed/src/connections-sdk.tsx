import type { CodatConnectionsInit } from './codat-props';

/**
 * Placeholder for `{PUBLIC_URL}/connections-sdk` (the Connections SDK replaces it): the module
 * exists and exports the class so the build and the serving routes are complete.
 */
export class CodatConnections {
  constructor(init: CodatConnectionsInit) {
    init.props.onError?.({ message: 'The Connections SDK is not available yet.', userRecoverable: false });
  }
}
