export interface WebhookConsumer {
  id: string;
  clientId: string;
  url: string;
  disabled: boolean;
  eventTypes: string[];
  companyTags: string[] | null;
  secretSealed: string;
  /** After a rotation the old secret keeps signing (alongside the new one) until it expires. */
  previousSecretSealed: string | null;
  previousSecretExpiresAt: string | null;
  /** Set at the first failure after a success; cleared by any success. */
  failingSince: string | null;
  disabledReason: string | null;
  created: string;
  modified: string;
}

export const MAX_WEBHOOK_CONSUMERS_PER_CLIENT = 50;
export const MAX_CONSUMER_COMPANY_TAGS = 10;
