import { describe, expect, it } from 'vitest';
import { getSandboxDataset, listSandboxDatasets } from './datasets.js';

describe('sandbox datasets', () => {
  it('offers four datasets, starting with the UK retailer', () => {
    expect(listSandboxDatasets().map((d) => [d.id, d.label])).toEqual([
      ['uk-retailer', 'UK retailer (small, 1 year)'],
      ['us-saas', 'US SaaS company (2 years, detailed)'],
      ['de-wholesaler', 'German wholesaler (EUR, 6 months)'],
      ['minimal', 'Minimal company (sparse data)'],
    ]);
    expect(getSandboxDataset('nope')).toBeUndefined();
    expect(getSandboxDataset('constructor')).toBeUndefined();
  });

  it('is deterministic (pinned values) and frozen', () => {
    const minimal = getSandboxDataset('minimal');
    expect(minimal?.company).toEqual({
      id: 'sandbox-minimal',
      name: 'Fresh Start Ltd',
      baseCurrency: 'GBP',
      country: 'GB',
      periodStart: '2025-01-01',
      periodEnd: '2025-01-31',
    });
    expect(minimal?.invoices.map((i) => [i.invoiceNumber, i.issueDate, i.totalAmount, i.status])).toMatchInlineSnapshot(`
      [
        [
          "INV-0001",
          "2025-01-27",
          130.24,
          "Submitted",
        ],
        [
          "INV-0002",
          "2025-01-28",
          223.64,
          "Submitted",
        ],
      ]
    `);
    expect(Object.isFrozen(minimal?.accounts[0])).toBe(true);
  });

  it('keeps every chart of accounts balanced and every invoice consistent', () => {
    for (const dataset of listSandboxDatasets()) {
      const sum = (type: string) => dataset.accounts.filter((a) => a.type === type).reduce((total, a) => total + Math.round(a.currentBalance * 100), 0);
      expect(sum('Asset'), dataset.id).toBe(sum('Equity'));
      expect(sum('Income') - sum('Expense'), dataset.id).toBe(Math.round((dataset.accounts.find((a) => a.nominalCode === '3200')?.currentBalance ?? 0) * 100));
      for (const invoice of dataset.invoices) {
        expect(invoice.amountDue).toBeLessThanOrEqual(invoice.totalAmount);
        expect(invoice.issueDate >= dataset.company.periodStart && invoice.issueDate <= dataset.company.periodEnd).toBe(true);
        expect(invoice.currency).toBe(dataset.company.baseCurrency);
      }
      expect(dataset.accounts.find((a) => a.nominalCode === '1200')?.currentBalance).toBeGreaterThan(0);
    }
  });

  it('gives every company a bank account whose transactions end at the books\' bank balance', () => {
    for (const dataset of listSandboxDatasets()) {
      const [account] = dataset.bankAccounts;
      const booksMinor = Math.round((dataset.accounts.find((a) => a.nominalCode === '1200')?.currentBalance ?? NaN) * 100);
      expect(dataset.bankAccounts).toHaveLength(1);
      expect(Math.round((account?.balance.current ?? NaN) * 100), dataset.id).toBe(booksMinor);
      let runningMinor = 0;
      let previousDate = '';
      for (const transaction of dataset.bankTransactions) {
        runningMinor += Math.round(transaction.amount * 100);
        expect(Math.round(transaction.balance * 100)).toBe(runningMinor);
        expect(transaction.date >= previousDate && transaction.date <= dataset.company.periodEnd).toBe(true);
        expect(transaction.transactionType).toBe(transaction.amount >= 0 ? 'Credit' : 'Debit');
        expect(transaction.accountId).toBe(account?.id);
        previousDate = transaction.date;
      }
      expect(runningMinor, dataset.id).toBe(booksMinor);
    }
  });
});
