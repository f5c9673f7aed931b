import type { Company } from './company.js';
import { AppError } from './errors.js';

/**
 * The Portal's company search: a case-insensitive substring of the company's name, or of any of
 * its tag keys or values (a merchant id in a tag). The text searched is folded once, when the
 * company is written (`companySearchText`, stored beside the company), so the query compares one
 * column with plain `instr`/`strpos` instead of folding every name and every tag row per search.
 */

/**
 * Between the parts, so no typed term matches across a name and a tag. A control character:
 * names cannot hold one (domain/company.ts) and a search term has them removed.
 */
const PART_SEPARATOR = '\u001f';

export const MAX_SEARCH_LENGTH = 200;

/** Unicode lower case, as both databases then compare plain text (SQLite's lower() is ASCII-only). */
export const foldForSearch = (text: string): string => text.toLowerCase();

export function companySearchText(company: Pick<Company, 'name' | 'tags'>): string {
  const parts = [company.name, ...Object.entries(company.tags).flat()];
  return foldForSearch(parts.join(PART_SEPARATOR));
}

/** The folded term to look for, or undefined when there is nothing to search for. */
export function searchTerm(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const term = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (term.length === 0) return undefined;
  if (term.length > MAX_SEARCH_LENGTH) throw new AppError('BAD_REQUEST', `Search for at most ${MAX_SEARCH_LENGTH} characters.`);
  return foldForSearch(term);
}
