import type { SandboxInvoice } from './datasets.js';

/**
 * The banking side of a sample company (what the Banking Sandbox, `bnks`, serves): its one
 * current account and that account's transactions, derived from the same invoices and costs as
 * the books. Customers pay the paid part of each invoice on its due date (at the latest on the period's last
 * day); suppliers (cost of
 * sales) and overheads are paid on the last day of each month. The running balance starts at the
 * opening cash and ends at the books' `Business Current Account` balance, to the penny.
 */

export interface SandboxBankAccount {
  id: string;
  name: string;
  type: 'Debit';
  currency: string;
  /** Masked, as banks show it. */
  accountNumber: string;
  sortCode: string | null;
  iban: string | null;
  balance: { available: number; current: number };
}

export interface SandboxBankTransaction {
  id: string;
  accountId: string;
  date: string;
  description: string;
  /** Positive money in, negative money out. */
  amount: number;
  /** The account's balance after this transaction. */
  balance: number;
  transactionType: 'Credit' | 'Debit';
  currency: string;
}

export interface BankingSpec {
  datasetId: string;
  currency: string;
  country: string;
  periodStart: { year: number; month: number };
  months: number;
  costOfSalesRatio: number;
  monthlyOverheadsMinor: number;
  openingCashMinor: number;
}

const toMajor = (minor: number) => minor / 100;
const minorOf = (major: number) => Math.round(major * 100);
const isoDate = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);

interface Movement {
  date: string;
  description: string;
  minor: number;
}

/** Cost of sales paid month by month; the last month takes the rounding, so the total matches the books. */
function supplierPayments(spec: BankingSpec, invoices: readonly SandboxInvoice[]): Movement[] {
  const salesMinor = invoices.reduce((sum, invoice) => sum + minorOf(invoice.totalAmount), 0);
  const totalMinor = Math.round(salesMinor * spec.costOfSalesRatio);
  const movements: Movement[] = [];
  let paidMinor = 0;
  for (let month = 0; month < spec.months; month += 1) {
    const monthIndex = spec.periodStart.month - 1 + month;
    const monthStart = isoDate(spec.periodStart.year, monthIndex, 1);
    const monthEnd = isoDate(spec.periodStart.year, monthIndex + 1, 0);
    const monthSales = invoices.filter((i) => i.issueDate >= monthStart && i.issueDate <= monthEnd).reduce((sum, i) => sum + minorOf(i.totalAmount), 0);
    const minor = month === spec.months - 1 ? totalMinor - paidMinor : Math.round(monthSales * spec.costOfSalesRatio);
    paidMinor += minor;
    if (minor !== 0) movements.push({ date: monthEnd, description: 'Supplier payment', minor: -minor });
    if (spec.monthlyOverheadsMinor !== 0) movements.push({ date: monthEnd, description: 'Rent and overheads', minor: -spec.monthlyOverheadsMinor });
  }
  return movements;
}

export function deriveBanking(spec: BankingSpec, invoices: readonly SandboxInvoice[]): { bankAccounts: SandboxBankAccount[]; bankTransactions: SandboxBankTransaction[] } {
  const accountId = `${spec.datasetId}-bank-current`;
  const opening = isoDate(spec.periodStart.year, spec.periodStart.month - 1, 1);
  const periodEnd = isoDate(spec.periodStart.year, spec.periodStart.month - 1 + spec.months, 0);
  const receipts: Movement[] = invoices
    .map((invoice) => ({ date: invoice.dueDate > periodEnd ? periodEnd : invoice.dueDate, description: `${invoice.customerName} ${invoice.invoiceNumber}`, minor: minorOf(invoice.totalAmount - invoice.amountDue) }))
    .filter((movement) => movement.minor !== 0);
  const movements = [{ date: opening, description: 'Opening balance', minor: spec.openingCashMinor }, ...receipts, ...supplierPayments(spec, invoices)];
  // Stable sort: the same day keeps money in before money out, as generated.
  movements.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let balanceMinor = 0;
  const bankTransactions = movements.map((movement, index): SandboxBankTransaction => {
    balanceMinor += movement.minor;
    return {
      id: `${spec.datasetId}-txn-${String(index + 1).padStart(5, '0')}`,
      accountId,
      date: movement.date,
      description: movement.description,
      amount: toMajor(movement.minor),
      balance: toMajor(balanceMinor),
      transactionType: movement.minor >= 0 ? 'Credit' : 'Debit',
      currency: spec.currency,
    };
  });
  const uk = spec.country === 'GB';
  const bankAccounts: SandboxBankAccount[] = [
    {
      id: accountId,
      name: 'Business Current Account',
      type: 'Debit',
      currency: spec.currency,
      accountNumber: '****4321',
      sortCode: uk ? '04-00-04' : null,
      iban: uk || spec.country === 'US' ? null : `${spec.country}00 **** **** **** 4321`,
      balance: { available: toMajor(balanceMinor), current: toMajor(balanceMinor) },
    },
  ];
  return { bankAccounts, bankTransactions };
}
