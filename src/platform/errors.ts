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

/** Errors that mean "a database or another system is down or busy", as opposed to a bad record (looks through wrapped causes). */
export function isUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string }).code ?? '';
    const message = e instanceof Error ? e.message : String(e);
    if (
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(code) ||
      /connection terminated|ECONNREFUSED|timeout exceeded when trying to connect|PGlite is closed|Client was closed|Connection ended/i.test(message)
    ) {
      return true;
    }
  }
  return false;
}
