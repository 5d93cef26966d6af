// Maps the field errors of a problem+json answer onto form fields.
import { ApiError } from '../api/client.ts';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The server's `errors: [{path, message}]` as inline messages. `fieldOf` turns a dotted path (e.g. `address.zip`) into
 * a form field, `labelOf` gives its label so the message reads "ZIP/postal code is required".
 */
export function fieldErrorsFrom<F extends string>(error: unknown, fieldOf: (path: string) => F | undefined, labelOf?: (field: F) => string): FieldErrors<F> {
  const result: FieldErrors<F> = {};
  if (!(error instanceof ApiError)) return result;
  for (const issue of error.fieldErrors) {
    const field = fieldOf(issue.path);
    if (!field || result[field]) continue;
    result[field] = labelOf ? `${labelOf(field)} ${issue.message}` : issue.message;
  }
  return result;
}

/** True when every field error of the answer found a field (so no separate alert is needed). */
export function allFieldsMapped(error: unknown, fieldOf: (path: string) => string | undefined): boolean {
  return error instanceof ApiError && error.fieldErrors.length > 0 && error.fieldErrors.every((issue) => fieldOf(issue.path) !== undefined);
}
