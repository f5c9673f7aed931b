/**
 * The sample companies a tester can pick on the Sandbox consent page. Each read model is generated
 * from a small spec with a seeded PRNG, so the same dataset id always yields the same numbers (on
 * every machine, every run) and tests can assert exact values.
 */
import { deriveBanking, type SandboxBankAccount, type SandboxBankTransaction } from './banking-data.js';
import { seededRandom } from '../../domain/seeded-random.js';

export type { SandboxBankAccount, SandboxBankTransaction } from './banking-data.js';

export type SandboxAccountType = 'Asset' | 'Liability' | 'Equity' | 'Income' | 'Expense';

export interface SandboxAccount {
  id: string;
  nominalCode: string;
  name: string;
  type: SandboxAccountType;
  currency: string;
  /** Positive amounts in the account's natural direction (assets as debits, income as credits). */
  currentBalance: number;
}

export type SandboxInvoiceStatus = 'Paid' | 'PartiallyPaid' | 'Submitted';

export interface SandboxInvoice {
  id: string;
  invoiceNumber: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  totalAmount: number;
  amountDue: number;
  status: SandboxInvoiceStatus;
}

export interface SandboxCompany {
  id: string;
  name: string;
  baseCurrency: string;
  country: string;
  /** First day of the period the data covers (YYYY-MM-DD). */
  periodStart: string;
  /** Last day of the period the data covers (YYYY-MM-DD). */
  periodEnd: string;
}

export interface SandboxDataset {
  id: string;
  label: string;
  description: string;
  company: SandboxCompany;
  accounts: readonly SandboxAccount[];
  invoices: readonly SandboxInvoice[];
  /** The same company's bank (banking.read): see banking-data.ts. */
  bankAccounts: readonly SandboxBankAccount[];
  bankTransactions: readonly SandboxBankTransaction[];
}

interface DatasetSpec {
  id: string;
  label: string;
  description: string;
  companyName: string;
  currency: string;
  country: string;
  periodStart: { year: number; month: number };
  months: number;
  invoicesPerMonth: number;
  /** Typical invoice total, in minor units (pence, cents). */
  typicalInvoiceMinor: number;
  customers: readonly string[];
  /** Share of sales spent on the goods or services sold. */
  costOfSalesRatio: number;
  monthlyOverheadsMinor: number;
  openingCashMinor: number;
  seed: number;
}

const SPECS: readonly DatasetSpec[] = [
  {
    id: 'uk-retailer',
    label: 'UK retailer (small, 1 year)',
    description: 'A small high-street shop trading in GBP for twelve months.',
    companyName: 'Hartley & Finch Ltd',
    currency: 'GBP',
    country: 'GB',
    periodStart: { year: 2024, month: 1 },
    months: 12,
    invoicesPerMonth: 3,
    typicalInvoiceMinor: 85_000,
    customers: ['Brightwell Cafe', 'Marlow Florists', 'Pennington School', 'Quayside Hotel'],
    costOfSalesRatio: 0.55,
    monthlyOverheadsMinor: 60_000,
    openingCashMinor: 1_500_000,
    seed: 0x5eed_0001,
  },
  {
    id: 'us-saas',
    label: 'US SaaS company (2 years, detailed)',
    description: 'A subscription software business billing in USD over two years.',
    companyName: 'Northwind Cloud Inc.',
    currency: 'USD',
    country: 'US',
    periodStart: { year: 2023, month: 1 },
    months: 24,
    invoicesPerMonth: 6,
    typicalInvoiceMinor: 420_000,
    customers: ['Acme Logistics', 'Bluebird Health', 'Copperline Media', 'Delta Analytics', 'Evergreen Foods', 'Fulcrum Legal'],
    costOfSalesRatio: 0.2,
    monthlyOverheadsMinor: 1_100_000,
    openingCashMinor: 25_000_000,
    seed: 0x5eed_0002,
  },
  {
    id: 'de-wholesaler',
    label: 'German wholesaler (EUR, 6 months)',
    description: 'A wholesale distributor invoicing in EUR for half a year.',
    companyName: 'Rheinwerk Handel GmbH',
    currency: 'EUR',
    country: 'DE',
    periodStart: { year: 2024, month: 7 },
    months: 6,
    invoicesPerMonth: 4,
    typicalInvoiceMinor: 1_250_000,
    customers: ['Baumarkt Köhler', 'Elbe Gastro KG', 'Südhof Märkte'],
    costOfSalesRatio: 0.7,
    monthlyOverheadsMinor: 900_000,
    openingCashMinor: 8_000_000,
    seed: 0x5eed_0003,
  },
  {
    id: 'minimal',
    label: 'Minimal company (sparse data)',
    description: 'A newly formed company with a single month and two invoices.',
    companyName: 'Fresh Start Ltd',
    currency: 'GBP',
    country: 'GB',
    periodStart: { year: 2025, month: 1 },
    months: 1,
    invoicesPerMonth: 2,
    typicalInvoiceMinor: 20_000,
    customers: ['First Customer Ltd'],
    costOfSalesRatio: 0,
    monthlyOverheadsMinor: 0,
    openingCashMinor: 100_000,
    seed: 0x5eed_0004,
  },
];

const isoDate = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
const toMajor = (minor: number) => minor / 100;

function generateInvoices(spec: DatasetSpec, random: () => number): SandboxInvoice[] {
  const invoices: SandboxInvoice[] = [];
  for (let month = 0; month < spec.months; month += 1) {
    const monthIndex = spec.periodStart.month - 1 + month;
    for (let n = 0; n < spec.invoicesPerMonth; n += 1) {
      const sequence = invoices.length + 1;
      const day = 1 + Math.floor(random() * 28);
      // Between half and one and a half times the typical total, to the penny.
      const totalMinor = Math.round(spec.typicalInvoiceMinor * (0.5 + random()));
      const monthsBeforeEnd = spec.months - 1 - month;
      // Older invoices have been paid; the last two months' are still (partly) outstanding.
      let amountDueMinor = 0;
      let status: SandboxInvoiceStatus = 'Paid';
      if (monthsBeforeEnd < 2) {
        const partly = random() < 0.3;
        amountDueMinor = partly ? Math.round(totalMinor / 2) : totalMinor;
        status = partly ? 'PartiallyPaid' : 'Submitted';
      }
      invoices.push({
        id: `${spec.id}-inv-${String(sequence).padStart(4, '0')}`,
        invoiceNumber: `INV-${String(sequence).padStart(4, '0')}`,
        customerName: spec.customers[Math.floor(random() * spec.customers.length)] ?? 'Customer',
        issueDate: isoDate(spec.periodStart.year, monthIndex, day),
        dueDate: isoDate(spec.periodStart.year, monthIndex, day + 30),
        currency: spec.currency,
        totalAmount: toMajor(totalMinor),
        amountDue: toMajor(amountDueMinor),
        status,
      });
    }
  }
  return invoices;
}

/**
 * A minimal, balanced chart of accounts derived from the invoices:
 * assets (bank + receivables) always equal equity (share capital + retained earnings).
 */
function deriveAccounts(spec: DatasetSpec, invoices: readonly SandboxInvoice[]): SandboxAccount[] {
  const salesMinor = invoices.reduce((sum, invoice) => sum + Math.round(invoice.totalAmount * 100), 0);
  const receivablesMinor = invoices.reduce((sum, invoice) => sum + Math.round(invoice.amountDue * 100), 0);
  const costOfSalesMinor = Math.round(salesMinor * spec.costOfSalesRatio);
  const overheadsMinor = spec.monthlyOverheadsMinor * spec.months;
  const retainedMinor = salesMinor - costOfSalesMinor - overheadsMinor;
  const bankMinor = spec.openingCashMinor + (salesMinor - receivablesMinor) - costOfSalesMinor - overheadsMinor;
  const account = (nominalCode: string, name: string, type: SandboxAccountType, minor: number): SandboxAccount => ({
    id: `${spec.id}-acc-${nominalCode}`,
    nominalCode,
    name,
    type,
    currency: spec.currency,
    currentBalance: toMajor(minor),
  });
  return [
    account('1100', 'Accounts Receivable', 'Asset', receivablesMinor),
    account('1200', 'Business Current Account', 'Asset', bankMinor),
    account('3000', 'Share Capital', 'Equity', spec.openingCashMinor),
    account('3200', 'Retained Earnings', 'Equity', retainedMinor),
    account('4000', 'Sales', 'Income', salesMinor),
    account('5000', 'Cost of Sales', 'Expense', costOfSalesMinor),
    account('7000', 'Overheads', 'Expense', overheadsMinor),
  ];
}

function buildDataset(spec: DatasetSpec): SandboxDataset {
  const invoices = generateInvoices(spec, seededRandom(spec.seed));
  const periodEndMonthIndex = spec.periodStart.month - 1 + spec.months;
  return {
    id: spec.id,
    label: spec.label,
    description: spec.description,
    company: {
      id: `sandbox-${spec.id}`,
      name: spec.companyName,
      baseCurrency: spec.currency,
      country: spec.country,
      periodStart: isoDate(spec.periodStart.year, spec.periodStart.month - 1, 1),
      // Day 0 of the next month is the last day of this one.
      periodEnd: isoDate(spec.periodStart.year, periodEndMonthIndex, 0),
    },
    accounts: deriveAccounts(spec, invoices),
    invoices,
    ...deriveBanking({ ...spec, datasetId: spec.id }, invoices),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const DATASETS: readonly SandboxDataset[] = deepFreeze(SPECS.map(buildDataset));
const DATASETS_BY_ID = new Map(DATASETS.map((dataset) => [dataset.id, dataset]));

/** Every dataset, in the order the consent page lists them (the first is preselected). */
export function listSandboxDatasets(): readonly SandboxDataset[] {
  return DATASETS;
}

export function getSandboxDataset(id: string): SandboxDataset | undefined {
  return DATASETS_BY_ID.get(id);
}
