// The partner sign-up form's fields and the rules they share with the server (same limits, same messages).
import i18next from 'i18next';
import type { PartnerRequestBody } from '../api/client.ts';
import { currentLanguage } from '../i18n/i18n.ts';

export const fieldNames = ['firstName', 'lastName', 'email', 'phone', 'companyName', 'street', 'city', 'state', 'zip', 'countryRegionId', 'vatNumber', 'comments'] as const;
export type Field = (typeof fieldNames)[number];
export type Values = Record<Field, string>;

interface Rule {
  required?: boolean;
  max: number;
  email?: boolean;
  phone?: boolean;
}

export const rules: Record<Field, Rule> = {
  firstName: { required: true, max: 100 },
  lastName: { required: true, max: 100 },
  email: { required: true, max: 254, email: true },
  phone: { max: 40, phone: true },
  companyName: { required: true, max: 200 },
  street: { required: true, max: 250 },
  city: { required: true, max: 100 },
  state: { max: 100 },
  zip: { required: true, max: 20 },
  countryRegionId: { required: true, max: 3 },
  // The format per country is the server's to check (EU: the member state's prefix and pattern).
  vatNumber: { max: 40 },
  comments: { max: 2000 },
};

export const emptyValues: Values = Object.fromEntries(fieldNames.map((name) => [name, ''])) as Values;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[0-9+()./ -]*$/;

/** The problem with one field's value, worded as the server words it, or undefined when it is fine. */
export function problemWith(field: Field, value: string): string | undefined {
  const rule = rules[field];
  const trimmed = value.trim();
  if (trimmed === '') return rule.required ? 'is required' : undefined;
  if (value.length > rule.max) return `must be at most ${rule.max} characters`;
  if (rule.email && !emailPattern.test(trimmed)) return 'must be a valid e-mail address';
  if (rule.phone && !phonePattern.test(value)) return 'has characters that are not allowed';
  return undefined;
}

/**
 * A problem in the reader's language: the server's (and problemWith's) English words for the common problems become a
 * whole sentence of the language; any other server message is shown after the label as it came.
 */
export function problemMessage(field: Field, problem: string): string {
  const label = labelOf(field);
  const tooLong = /^must be at most (\d+) characters$/.exec(problem);
  if (problem === 'is required') return i18next.t('storefront:problems.required', { label });
  if (tooLong) return i18next.t('storefront:problems.tooLong', { label, max: Number(tooLong[1]) });
  if (problem === 'must be a valid e-mail address') return i18next.t('storefront:problems.email', { label });
  if (problem === 'has characters that are not allowed') return i18next.t('storefront:problems.characters', { label });
  return i18next.t('storefront:problems.other', { label, problem });
}

/** The inline message, e.g. "First name is required". */
export function validateField(field: Field, value: string): string | undefined {
  const problem = problemWith(field, value);
  return problem ? problemMessage(field, problem) : undefined;
}

export function validateAll(values: Values): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const field of fieldNames) {
    const message = validateField(field, values[field]);
    if (message) errors[field] = message;
  }
  return errors;
}

/** The server reports `address.zip`; the form calls it `zip`. */
export function fieldOfPath(path: string): Field | undefined {
  const name = path.startsWith('address.') ? path.slice('address.'.length) : path;
  return (fieldNames as readonly string[]).includes(name) ? (name as Field) : undefined;
}

export function labelOf(field: Field): string {
  return i18next.t(`storefront:fields.${field}`);
}

/** The request body, with empty optional fields left out; mails to the applicant are in the language of the form. */
export function toRequestBody(values: Values): PartnerRequestBody {
  const optional = (value: string) => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const phone = optional(values.phone);
  const state = optional(values.state);
  const comments = optional(values.comments);
  const vatNumber = optional(values.vatNumber);
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: values.email.trim(),
    companyName: values.companyName.trim(),
    ...(phone ? { phone } : {}),
    address: {
      street: values.street.trim(),
      city: values.city.trim(),
      ...(state ? { state } : {}),
      zip: values.zip.trim(),
      countryRegionId: values.countryRegionId,
    },
    ...(vatNumber ? { vatNumber } : {}),
    ...(comments ? { comments } : {}),
    language: currentLanguage(),
  };
}
