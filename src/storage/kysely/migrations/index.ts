import type { Migration } from 'kysely';
import * as init from './0001-init.js';
import * as hostedLink from './0002-hosted-link.js';
import * as nameOrderIndex from './0003-company-name-order-index.js';
import * as webhookDelivery from './0004-webhook-delivery.js';
import * as connectionsByClientStatusCompany from './0005-connections-by-client-status-company.js';
import * as webhookMessagesFreshStatistics from './0006-webhook-messages-fresh-statistics.js';
import * as linkExpiry from './0007-link-expiry.js';
import * as idempotencyKeys from './0008-idempotency-keys.js';
import * as revokedApiKeys from './0009-revoked-api-keys.js';
import * as connectionTokenRefresh from './0010-connection-token-refresh.js';
import * as sandboxGrants from './0011-sandbox-grants.js';
import * as portalStaff from './0012-portal-staff.js';
import * as portalCompanyReads from './0013-portal-company-reads.js';
import * as embeddedLink from './0014-embedded-link.js';

/** Forward-only migrations, applied in key order on every start. Never edit a shipped one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-init': init,
  '0002-hosted-link': hostedLink,
  '0003-company-name-order-index': nameOrderIndex,
  '0004-webhook-delivery': webhookDelivery,
  '0005-connections-by-client-status-company': connectionsByClientStatusCompany,
  '0006-webhook-messages-fresh-statistics': webhookMessagesFreshStatistics,
  '0007-link-expiry': linkExpiry,
  '0008-idempotency-keys': idempotencyKeys,
  '0009-revoked-api-keys': revokedApiKeys,
  '0010-connection-token-refresh': connectionTokenRefresh,
  '0011-sandbox-grants': sandboxGrants,
  '0012-portal-staff': portalStaff,
  '0013-portal-company-reads': portalCompanyReads,
  '0014-embedded-link': embeddedLink,
};
