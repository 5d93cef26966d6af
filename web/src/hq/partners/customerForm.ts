// The fields of a new customer, their limits and messages (the server's rules), and the request body they make.
import i18next from 'i18next';
import type { Address } from '../../api/client.ts';
import type { FieldErrors } from '../../ui/problems.ts';
import type { CustomerType, NewCustomerBody } from '../partnerTypes.ts';

export const customerFields = ['name', 'firstName', 'lastName', 'email', 'phone', 'street', 'city', 'state', 'zip', 'countryRegionId', 'language'] as const;
export type CustomerField = (typeof customerFields)[number];
export type CustomerValues = Record<CustomerField, string>;

interface Rule {
  max: number;
  required?: CustomerType | 'both';
}

// Each field's label is hq:partners.fields.<field>.
export const customerRules: Record<CustomerField, Rule> = {
  name: { max: 200, required: 'Organization' },
  firstName: { max: 100, required: 'Person' },
  lastName: { max: 100, required: 'Person' },
  email: { max: 254, required: 'both' },
  phone: { max: 40 },
  street: { max: 250, required: 'both' },
  city: { max: 100, required: 'both' },
  state: { max: 100 },
  zip: { max: 20, required: 'both' },
  countryRegionId: { max: 3, required: 'both' },
  language: { max: 20 },
};

/** The field's label in the current language (call it while rendering or handling an event). */
export const customerLabel = (field: CustomerField): string => i18next.t(`hq:partners.fields.${field}`);

export function isRequired(field: CustomerField, type: CustomerType): boolean {
  const required = customerRules[field].required;
  return required === 'both' || required === type;
}

/** The form field of a server error path such as `address.zip`. */
export function customerFieldOf(path: string): CustomerField | undefined {
  const name = path.replace(/^address\./, '');
  return (customerFields as readonly string[]).includes(name) ? (name as CustomerField) : undefined;
}

/** Empty values; a person added to an organization starts with its address and language. */
export function emptyCustomer(from?: { address: Address; language: string }): CustomerValues {
  return {
    name: '',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    street: from?.address.street ?? '',
    city: from?.address.city ?? '',
    state: from?.address.state ?? '',
    zip: from?.address.zip ?? '',
    countryRegionId: from?.address.countryRegionId ?? '',
    language: from?.language ?? 'en-us',
  };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const languagePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** The fields a customer of this type has on the form. */
export function fieldsOf(type: CustomerType): readonly CustomerField[] {
  return customerFields.filter((field) => (type === 'Person' ? field !== 'name' : field !== 'firstName' && field !== 'lastName'));
}

export function validateCustomer(type: CustomerType, values: CustomerValues): FieldErrors<CustomerField> {
  const errors: FieldErrors<CustomerField> = {};
  for (const field of fieldsOf(type)) {
    const value = values[field].trim();
    const { max } = customerRules[field];
    const label = customerLabel(field);
    if (!value) {
      if (isRequired(field, type)) errors[field] = i18next.t('hq:partners.validation.required', { label });
    } else if (value.length > max) errors[field] = i18next.t('hq:partners.validation.tooLong', { label, max });
    else if (field === 'email' && !emailPattern.test(value)) errors[field] = i18next.t('hq:partners.validation.email', { label });
    else if (field === 'language' && !languagePattern.test(value)) errors[field] = i18next.t('hq:partners.validation.language', { label });
  }
  return errors;
}

export function toCustomerBody(type: CustomerType, values: CustomerValues): NewCustomerBody {
  const v = (field: CustomerField) => values[field].trim();
  return {
    type,
    ...(type === 'Organization' ? { name: v('name') } : { firstName: v('firstName'), lastName: v('lastName') }),
    email: v('email'),
    ...(v('phone') ? { phone: v('phone') } : {}),
    address: { street: v('street'), city: v('city'), ...(v('state') ? { state: v('state') } : {}), zip: v('zip'), countryRegionId: v('countryRegionId') },
    ...(v('language') ? { language: v('language').toLowerCase() } : {}),
  };
}
