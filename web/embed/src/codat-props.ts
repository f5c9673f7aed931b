/**
 * Codat's Embedded Link and Connections SDK props, as Doorway's modules accept them: the shapes of
 * `@codat/sdk-link-types` 1.10.1 (codat-spec §7) plus what Codat documents beyond those types
 * (`options.nonce`, the consent `headers.*` texts). test/embed/codat-types.test.ts checks that
 * Codat's types are assignable to these and the callbacks' arguments to Codat's, so a page written
 * for Codat compiles against Doorway unchanged. Kept by hand, not imported: the published package
 * is a devDependency, and the Connections SDK's types are not in it.
 */

export type CodatSourceType = 'Unknown' | 'Accounting' | 'Banking' | 'BankFeed' | 'Commerce' | 'Expense' | 'Other';

export interface ConnectionCallbackArgs {
  connectionId: string;
  integrationId: string;
  integrationKey: string;
  platformName: string;
  sourceId: string;
  sourceType: CodatSourceType;
}

export interface ErrorCallbackArgs {
  correlationId?: string;
  message?: string;
  errorCode?: number;
  userRecoverable: boolean;
}

export interface ConsentCallbackArgs {
  text: string;
}

export interface CodatCategoryOptions {
  optional: boolean;
  enableIntegrations: boolean;
  enableFileUpload?: boolean;
  allowedIntegrations?: string[];
  dataTypes?: string[];
}

export interface CodatSourceTypesOptions {
  accounting?: CodatCategoryOptions;
  banking?: CodatCategoryOptions;
  commerce?: Omit<CodatCategoryOptions, 'enableFileUpload'>;
  businessDocuments?: { optional: boolean; enableFileUpload?: boolean };
}

/** Every text key of codat-spec §7; values are Markdown except `companyName` and the headers. */
export type CodatTextOptions = Partial<Record<string, string | string[]>>;

export interface CodatLinkOptions {
  /** @deprecated by Codat in favour of `hideBorder` and omitting `onClose`. */
  nonModal?: boolean;
  hideBorder?: boolean;
  showLandingPage?: boolean;
  showSandboxIntegrations?: boolean;
  enableAdditionalConsent?: boolean;
  enableMultiEntityLinking?: boolean;
  theme?: { colors?: { primary?: string } };
  sourceTypes?: CodatSourceTypesOptions;
  text?: CodatTextOptions;
  /** The host page's CSP nonce, put on the one `<style>` element a browser without constructable stylesheets needs. */
  nonce?: string;
}

export interface CodatLinkProps {
  companyId: string;
  accessToken?: string;
  onClose?: () => void;
  onError: (args: ErrorCallbackArgs) => void;
  onFinish: () => void;
  onConnection: (args: ConnectionCallbackArgs) => void;
  onConnectionStarted?: (args: ConnectionCallbackArgs) => void;
  onConsent?: (args: ConsentCallbackArgs) => void;
  options?: CodatLinkOptions;
}

/** `new CodatLink({ target, props })`, as Codat's module is used. */
export interface CodatLinkInit {
  target: HTMLElement;
  props: CodatLinkProps;
}

export interface CodatConnectionsProps {
  accessToken: string;
  onDisconnect?: (args: { connectionId: string }) => void;
  onReconnect?: (args: { connectionId: string }) => void;
  onClose?: () => void;
  onError?: (args: ErrorCallbackArgs) => void;
  options?: {
    /** `{accounting|banking|commerce}.connectionDetails.dataTypes`: what each category shares. */
    text?: Partial<Record<string, string[]>>;
    nonce?: string;
  };
}

export interface CodatConnectionsInit {
  target: HTMLElement;
  props: CodatConnectionsProps;
}
