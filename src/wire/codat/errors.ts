import { z } from '@hono/zod-openapi';

const ValidationItem = z.object({ itemId: z.string().nullable(), message: z.string(), validatorName: z.string().nullable() });

/** Codat's error envelope: every non-2xx response of the API carries one. */
export const ErrorMessageSchema = z
  .object({
    statusCode: z.number().int(),
    service: z.string(),
    error: z.string(),
    correlationId: z.string(),
    validation: z
      .object({
        errors: z.array(ValidationItem).nullable(),
        warnings: z.array(ValidationItem).nullable(),
      })
      .nullable()
      .optional(),
    canBeRetried: z.string(),
    detailedErrorCode: z.number().int(),
  })
  .openapi('ErrorMessage');
