export interface WebhookConsumer {
  id: string;
  clientId: string;
  url: string;
  disabled: boolean;
  eventTypes: string[];
  companyTags: string[] | null;
  secretSealed: string;
  created: string;
  modified: string;
}

export const MAX_WEBHOOK_CONSUMERS_PER_CLIENT = 50;
export const MAX_CONSUMER_COMPANY_TAGS = 10;
