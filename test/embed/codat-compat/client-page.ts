// A client page written for Codat's Embedded Link, typed with Codat's own published types
// (@codat/sdk-link-types), mounting Doorway's module. test/embed/codat-types.test.ts compiles it
// with the Link SDK's compiler settings: if Doorway's props or callback arguments drift from
// Codat's, this file stops compiling. Not part of the root typecheck (see tsconfig.json).
import type {
  CodatLinkOptions,
  CodatLinkProps,
  ConnectionCallbackArgs,
  ConsentCallbackArgs,
  ErrorCallbackArgs,
} from '@codat/sdk-link-types';
import type * as DoorwayProps from '../../../web/embed/src/codat-props';
import { CodatLink } from '../../../web/embed/src/link-sdk';
import { CodatConnections } from '../../../web/embed/src/connections-sdk';

export function mountCodatLink(target: HTMLElement, companyId: string, accessToken: string, log: (line: string) => void): void {
  const options: CodatLinkOptions = {
    hideBorder: true,
    showLandingPage: false,
    showSandboxIntegrations: true,
    enableAdditionalConsent: false,
    enableMultiEntityLinking: false,
    theme: { colors: { primary: '#0b5cff' } },
    sourceTypes: {
      accounting: { optional: false, enableIntegrations: true, enableFileUpload: false, allowedIntegrations: ['mqjo'], dataTypes: ['invoices'] },
      banking: { optional: true, enableIntegrations: true },
      commerce: { optional: true, enableIntegrations: false },
      businessDocuments: { optional: true },
    },
    text: { companyName: 'Lender', 'main.title': '**Connect**', 'accounting.consents.purpose': 'Allow {companyName} to read {platformName}', 'banking.dataAccess.dataTypes': ['balances'] },
  };
  const props: CodatLinkProps = {
    companyId,
    accessToken,
    onConnectionStarted: (args: ConnectionCallbackArgs) => log(`started ${args.connectionId} ${args.integrationKey}`),
    onConnection: (args: ConnectionCallbackArgs) =>
      log(`connection ${args.connectionId} ${args.integrationId} ${args.integrationKey} ${args.platformName} ${args.sourceId} ${args.sourceType}`),
    onConsent: ({ text }: ConsentCallbackArgs) => log(`consent ${text.length}`),
    onFinish: () => log('finish'),
    onClose: () => log('close'),
    onError: ({ correlationId, message, errorCode, userRecoverable }: ErrorCallbackArgs) => log(`error ${correlationId} ${message} ${errorCode} ${userRecoverable}`),
    options,
  };
  // Codat's integration, with only the module changed: `new CodatLink({ target, props })`.
  new CodatLink({ target, props });
  // Doorway's own props add Codat's documented `nonce` on top of the published types.
  const withNonce: DoorwayProps.CodatLinkProps = { ...props, options: { ...options, nonce: 'abc123' } };
  new CodatLink({ target, props: withNonce });
}

// What Doorway passes to the callbacks is exactly what Codat's types promise the page.
type DoorwayCallbacks = Required<DoorwayProps.CodatLinkProps>;
export const connectionArgs = (args: Parameters<DoorwayCallbacks['onConnection']>[0]): ConnectionCallbackArgs => args;
export const startedArgs = (args: Parameters<DoorwayCallbacks['onConnectionStarted']>[0]): ConnectionCallbackArgs => args;
export const errorArgs = (args: Parameters<DoorwayCallbacks['onError']>[0]): ErrorCallbackArgs => args;
export const consentArgs = (args: Parameters<DoorwayCallbacks['onConsent']>[0]): ConsentCallbackArgs => args;
// And the other way round: nothing Codat's types allow is missing from Doorway's.
export const sameConnectionArgs = (args: ConnectionCallbackArgs): Parameters<DoorwayCallbacks['onConnection']>[0] => args;

export function mountCodatConnections(target: HTMLElement, accessToken: string, log: (line: string) => void): void {
  new CodatConnections({
    target,
    props: {
      accessToken,
      onDisconnect: ({ connectionId }) => log(`disconnect ${connectionId}`),
      onReconnect: ({ connectionId }) => log(`reconnect ${connectionId}`),
      onClose: () => log('close'),
      onError: ({ message, userRecoverable }) => log(`error ${message} ${userRecoverable}`),
      options: { text: { 'accounting.connectionDetails.dataTypes': ['Invoices', 'Bills'] } },
    },
  });
}
