import { AppError, type ValidationItem } from './errors.js';

export type CompanyTags = Record<string, string>;

export interface Company {
  id: string;
  clientId: string;
  name: string;
  description: string | null;
  tags: CompanyTags;
  created: string;
  modified: string;
  lastSync: string | null;
  createdByUserName: string | null;
}

/**
 * Codat strips characters outside `^[A-Za-z0-9\s\-',&@.,?!]+$` instead of rejecting the name:
 * `Company (Codat[1])` becomes `Company Codat1`. Whitespace runs collapse so the result reads well.
 */
export function sanitizeCompanyName(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9\s\-',&@.?!]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const MAX_TAGS = 10;
export const MAX_TAG_KEY_LENGTH = 27;
export const MAX_TAG_VALUE_LENGTH = 100;
export const MAX_COMPANY_NAME_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 4000;

/** Validates a company's name after stripping; throws Codat-style validation errors. */
export function validCompanyName(raw: string): string {
  const name = sanitizeCompanyName(raw);
  if (name.length === 0) {
    throw new AppError('BAD_REQUEST', 'Company name must contain at least one allowed character (letters, digits, spaces or - \' , & @ . ? !).', {
      validation: [{ itemId: 'name', message: 'Company name is required.', validatorName: 'CreateCompany' }],
    });
  }
  if (name.length > MAX_COMPANY_NAME_LENGTH) {
    throw new AppError('BAD_REQUEST', `Company name must be at most ${MAX_COMPANY_NAME_LENGTH} characters.`);
  }
  return name;
}

export function validDescription(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (raw.length > MAX_DESCRIPTION_LENGTH) {
    throw new AppError('BAD_REQUEST', `Company description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  }
  return raw;
}

/** Tags: at most 10 keys, each 1–27 characters, values at most 100 characters (Codat's limits). */
export function validTags(tags: CompanyTags | null | undefined): CompanyTags {
  if (!tags) return {};
  const errors: ValidationItem[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    errors.push({ itemId: 'tags', message: `A company can have at most ${MAX_TAGS} tags; ${keys.length} were given.`, validatorName: 'Tags' });
  }
  for (const key of keys) {
    const value = tags[key]!;
    if (key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) {
      errors.push({ itemId: `tags.${key}`, message: `Tag key '${key}' must be 1–${MAX_TAG_KEY_LENGTH} characters.`, validatorName: 'Tags' });
    }
    if (typeof value !== 'string') {
      errors.push({ itemId: `tags.${key}`, message: `Tag '${key}' must have a string value.`, validatorName: 'Tags' });
    } else if (value.length > MAX_TAG_VALUE_LENGTH) {
      errors.push({ itemId: `tags.${key}`, message: `Tag '${key}' value must be at most ${MAX_TAG_VALUE_LENGTH} characters.`, validatorName: 'Tags' });
    }
  }
  if (errors.length > 0) throw new AppError('BAD_REQUEST', errors.map((e) => e.message).join(' '), { validation: errors });
  return { ...tags };
}
