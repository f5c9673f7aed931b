import { describe, expect, it } from 'vitest';
import type { LinkIntegrationField } from '../../../src/wire/link/link-api-schemas';
import { formValues, validateField, validateForm } from './validation';

const field = (extra: Partial<LinkIntegrationField>): LinkIntegrationField => ({ name: 'f', label: 'F', type: 'text', required: true, ...extra });

describe('validateField', () => {
  it('requires required fields, ignoring surrounding spaces', () => {
    expect(validateField(field({}), '')).toBe('required');
    expect(validateField(field({}), '   ')).toBe('required');
    expect(validateField(field({ type: 'password' }), '  ')).toBe('required');
    expect(validateField(field({ required: false }), '')).toBeNull();
  });

  it('checks patterns with the u flag, on the trimmed value', () => {
    const shop = field({ pattern: '^[a-z0-9][a-z0-9-]*$' });
    expect(validateField(shop, 'my-store')).toBeNull();
    expect(validateField(shop, ' my-store ')).toBeNull();
    expect(validateField(shop, 'My Store')).toBe('pattern');
    expect(validateField(field({ pattern: '^\\p{L}+$' }), 'Zoë')).toBeNull();
    expect(validateField(field({ required: false, pattern: '^x$' }), '')).toBeNull();
  });

  it('leaves a pattern the browser cannot compile to the server', () => {
    expect(validateField(field({ pattern: '(' }), 'anything')).toBeNull();
  });

  it('accepts only listed select options', () => {
    const dc = field({ type: 'select', options: [{ value: 'eu', label: 'Europe' }] });
    expect(validateField(dc, 'eu')).toBeNull();
    expect(validateField(dc, 'us')).toBe('option');
  });

  it('wants full http(s) addresses in url fields', () => {
    expect(validateField(field({ type: 'url' }), 'https://shop.example.com')).toBeNull();
    expect(validateField(field({ type: 'url' }), 'shop.example.com')).toBe('url');
    expect(validateField(field({ type: 'url' }), 'javascript:alert(1)')).toBe('url');
  });
});

describe('validateForm / formValues', () => {
  const fields = [field({ name: 'key' }), field({ name: 'secret', type: 'password' }), field({ name: 'note', required: false })];

  it('reports each bad field by name', () => {
    expect(validateForm(fields, { key: 'k' })).toEqual({ secret: 'required' });
    expect(validateForm(fields, { key: 'k', secret: 's' })).toEqual({});
  });

  it('sends known fields only, trims all but secrets, and omits empty optional ones', () => {
    expect(formValues(fields, { key: ' k ', secret: ' s ', note: '', extra: 'x' })).toEqual({ key: 'k', secret: ' s ' });
  });
});
