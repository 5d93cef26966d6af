// The one error type of the product: business code throws it, platform/http turns it into problem+json.

export type DomainErrorCode = 'validation' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-many-requests' | 'unavailable';

export const statusOf: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-many-requests': 429,
  unavailable: 503,
};

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly errors: FieldError[] | undefined;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>, errors?: FieldError[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.errors = errors;
  }

  static invalid(path: string, message: string): DomainError {
    return new DomainError('validation', message, undefined, [{ path, message }]);
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('not-found', `${what} was not found`);
}
