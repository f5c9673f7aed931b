import { z } from 'zod';

/**
 * One field of the form Link shows before (or instead of) the platform's own login: Shopify's shop
 * name, Zoho's data centre, WooCommerce's API keys. Values are stored on the connection;
 * `secret: true` ones are encrypted at rest and never returned by the API.
 */
export const CONNECTION_FIELD_TYPES = ['text', 'password', 'select', 'url'] as const;

/**
 * Field patterns are compiled with the `u` flag everywhere (here and wherever a value is checked),
 * so one pattern means the same thing in every place.
 */
export function compileFieldPattern(pattern: string): RegExp {
  return new RegExp(pattern, 'u');
}

function compiles(pattern: string): boolean {
  try {
    compileFieldPattern(pattern);
    return true;
  } catch {
    return false;
  }
}

const selectOptionSchema = z.strictObject({
  value: z.string().min(1),
  label: z.string().min(1),
});

export const connectionFieldSchema = z
  .strictObject({
    // An identifier, because placeholders refer to it as `${connectionConfig.<name>}`.
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits and _, not starting with a digit)'),
    label: z.string().min(1),
    type: z.enum(CONNECTION_FIELD_TYPES),
    required: z.boolean().default(true),
    secret: z.boolean().default(false),
    pattern: z.string().min(1).refine(compiles, 'must be a valid regular expression (compiled with the u flag)').optional(),
    options: z.array(selectOptionSchema).min(1).optional(),
    example: z.string().optional(),
    help: z.string().optional(),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'select' && !field.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'is required for a select field' });
    }
    if (field.type !== 'select' && field.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'is only allowed on a select field' });
    }
    // A masked input whose value is then stored in clear text would mislead the user.
    if (field.type === 'password' && !field.secret) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'must be true for a password field' });
    }
  });

export type ConnectionField = z.infer<typeof connectionFieldSchema>;
