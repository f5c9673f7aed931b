/**
 * One error type for every expected failure. Services throw `AppError`; the HTTP layer maps it to
 * Codat's `ErrorMessage` envelope (API) or a friendly page (Link, Portal). The registry keeps the
 * HTTP status next to the code so that mapping is data, not a switch statement.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, message: 'The request was invalid.' },
  MALFORMED_QUERY: { status: 400, message: 'Error parsing query - Malformed query.' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  FORBIDDEN: { status: 403, message: 'Forbidden' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Content-Type must be application/json.' },
  UNPROCESSABLE: { status: 422, message: 'The request cannot be processed.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests.' },
  INTERNAL: { status: 500, message: 'An unexpected error occurred.' },
  /** The proxy: the platform could not be reached, or its address is not allowed. */
  BAD_GATEWAY: { status: 502, message: 'The platform could not be reached.' },
  /** The proxy: the platform did not answer in time. */
  GATEWAY_TIMEOUT: { status: 504, message: 'The platform did not answer in time.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ValidationItem {
  itemId: string | null;
  message: string;
  validatorName: string | null;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly validation: ValidationItem[] | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options: { cause?: unknown; validation?: ValidationItem[] } = {},
  ) {
    super(message ?? ERROR_CODES[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.validation = options.validation;
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;
