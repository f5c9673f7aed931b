export { getSandboxDataset, listSandboxDatasets } from './datasets.js';
export type { SandboxAccount, SandboxBankAccount, SandboxBankTransaction, SandboxCompany, SandboxDataset, SandboxInvoice } from './datasets.js';
export { SANDBOX_DEFAULT_SCOPES, SANDBOX_PATHS, SANDBOX_SCOPE_DESCRIPTIONS } from './sandbox-endpoints.js';
export { SANDBOX_CODE_TTL_SECONDS, signSandboxToken, verifySandboxToken } from './sandbox-tokens.js';
export type { SandboxTokenClaims, SandboxTokenKind, SandboxTokenVerification, SignedSandboxClaims } from './sandbox-tokens.js';
