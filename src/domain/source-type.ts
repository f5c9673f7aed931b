/** Codat's `sourceType` enum, shared by integrations and connections. */
export const SOURCE_TYPES = ['Accounting', 'Banking', 'BankFeed', 'Commerce', 'Expense', 'Other', 'Unknown'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
