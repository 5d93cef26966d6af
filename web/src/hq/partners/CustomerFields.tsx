// The inputs of a new customer (person or organization): contact details and address, errors under each field.
import { NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../ui/problems.ts';
import { useCountries } from '../../ui/useCountries.ts';
import type { CustomerType } from '../partnerTypes.ts';
import { customerLabel, customerRules, isRequired } from './customerForm.ts';
import type { CustomerField, CustomerValues } from './customerForm.ts';

interface CustomerFieldsProps {
  type: CustomerType;
  values: CustomerValues;
  errors: FieldErrors<CustomerField>;
  onChange: (field: CustomerField, value: string) => void;
  autoFocus?: boolean;
}

export function CustomerFields({ type, values, errors, onChange, autoFocus }: CustomerFieldsProps) {
  const { t } = useTranslation('hq');
  const countries = useCountries();
  const countryOptions = [{ value: '', label: t('partners.fields.selectCountry') }, ...(countries.data ?? []).map((c) => ({ value: c.id, label: c.name }))];

  const text = (field: CustomerField, extra: { type?: string; autoComplete?: string; description?: string; focus?: boolean } = {}) => (
    <TextInput
      label={customerLabel(field)}
      required={isRequired(field, type)}
      type={extra.type}
      autoComplete={extra.autoComplete ?? 'off'}
      description={extra.description}
      value={values[field]}
      error={errors[field]}
      maxLength={customerRules[field].max}
      onChange={(event) => onChange(field, event.currentTarget.value)}
      data-autofocus={(autoFocus && extra.focus) || undefined}
    />
  );

  return (
    <Stack gap="sm">
      {type === 'Organization' ? (
        text('name', { focus: true })
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text('firstName', { focus: true })}
          {text('lastName')}
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('email', { type: 'email' })}
        {text('phone', { type: 'tel' })}
      </SimpleGrid>
      {text('street')}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('city')}
        {text('state')}
        {text('zip')}
        <NativeSelect
          label={customerLabel('countryRegionId')}
          required
          data={countryOptions}
          value={values.countryRegionId}
          error={errors.countryRegionId ?? (countries.isError ? t('partners.fields.countriesNotLoaded') : undefined)}
          onChange={(event) => onChange('countryRegionId', event.currentTarget.value)}
        />
      </SimpleGrid>
      {text('language', { description: t('partners.fields.languageHelp') })}
    </Stack>
  );
}
