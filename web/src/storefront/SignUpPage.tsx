// "Become a business partner": the partner request form, checked as you go with the server's own rules.
import { Alert, Button, Container, Divider, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { PartnerRequestBody } from '../api/client.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import { useCountries } from '../ui/useCountries.ts';
import { emptyValues, fieldNames, fieldOfPath, labelOf, problemMessage, rules, toRequestBody, validateAll, validateField } from './signUpForm.ts';
import type { Field, Values } from './signUpForm.ts';
import { useStoreName } from './useStoreName.ts';

const inputId = (field: Field) => `partner-${field}`;

export function SignUpPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('signUp.title')} · ${storeName}`);
  const navigate = useNavigate();
  const countries = useCountries();
  const [values, setValues] = useState<Values>(emptyValues);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();
  const alertRef = useRef<HTMLDivElement>(null);

  // The form is long: bring a form-level error (e.g. too many requests) into view.
  useEffect(() => {
    if (formError) alertRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [formError]);

  const submit = useMutation({
    mutationFn: (body: PartnerRequestBody) => unwrap(api.POST('/api/store/partner-requests', { body })),
    onSuccess: (accepted) => navigate('/partner/sign-up/confirmation', { state: accepted }),
    onError: (error) => {
      // The server's words per field, as a sentence in the reader's language.
      const fieldErrors = Object.fromEntries(Object.entries(fieldErrorsFrom(error, fieldOfPath)).map(([field, problem]) => [field, problemMessage(field as Field, problem!)]));
      setErrors(fieldErrors);
      const mapped = allFieldsMapped(error, fieldOfPath);
      setFormError(mapped ? undefined : errorMessage(error));
      if (error instanceof ApiError && error.status === 400) focusFirst(fieldErrors);
    },
  });

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = fieldNames.find((field) => found[field]);
    if (first) document.getElementById(inputId(first))?.focus();
  }

  function change(field: Field, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    // Once a field shows an error, it is re-checked as the user fixes it.
    if (errors[field]) setErrors((current) => ({ ...current, [field]: validateField(field, value) }));
  }

  function blur(field: Field) {
    setErrors((current) => ({ ...current, [field]: validateField(field, values[field]) }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    const found = validateAll(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    submit.mutate(toRequestBody(values));
  }

  const text = (field: Field, extra: { type?: string; autoComplete?: string; placeholder?: string } = {}) => ({
    id: inputId(field),
    label: labelOf(field),
    required: rules[field].required ?? false,
    value: values[field],
    error: errors[field],
    maxLength: rules[field].max,
    onChange: (event: { currentTarget: { value: string } }) => change(field, event.currentTarget.value),
    onBlur: () => blur(field),
    ...extra,
  });

  const countryOptions = [{ value: '', label: t('signUp.selectCountry') }, ...(countries.data ?? []).map((c) => ({ value: c.id, label: c.name }))];

  return (
    <Container size="sm" py={48}>
      <Stack gap="xs" mb="xl">
        <Title order={1}>{t('signUp.title')}</Title>
        <Text c="dimmed">{t('signUp.intro')}</Text>
      </Stack>

      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
        <form onSubmit={onSubmit} noValidate aria-label={t('signUp.title')}>
          <Stack gap="md">
            {formError ? (
              <Alert ref={alertRef} color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('signUp.notSent')} role="alert">
                {formError}
              </Alert>
            ) : null}

            <Title order={2} fz="md">
              {t('signUp.aboutYou')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput {...text('firstName', { autoComplete: 'given-name' })} />
              <TextInput {...text('lastName', { autoComplete: 'family-name' })} />
              <TextInput {...text('email', { type: 'email', autoComplete: 'email' })} />
              <TextInput {...text('phone', { type: 'tel', autoComplete: 'tel' })} />
            </SimpleGrid>

            <Divider my="xs" />
            <Title order={2} fz="md">
              {t('signUp.yourCompany')}
            </Title>
            <TextInput {...text('companyName', { autoComplete: 'organization' })} />
            <TextInput {...text('street', { autoComplete: 'street-address' })} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput {...text('city', { autoComplete: 'address-level2' })} />
              <TextInput {...text('state', { autoComplete: 'address-level1' })} />
              <TextInput {...text('zip', { autoComplete: 'postal-code' })} />
              <NativeSelect
                id={inputId('countryRegionId')}
                label={labelOf('countryRegionId')}
                required
                autoComplete="country"
                data={countryOptions}
                value={values.countryRegionId}
                error={errors.countryRegionId ?? (countries.isError ? t('signUp.countriesFailed') : undefined)}
                onChange={(event) => change('countryRegionId', event.currentTarget.value)}
                onBlur={() => blur('countryRegionId')}
              />
            </SimpleGrid>
            <TextInput
              {...text('vatNumber', { placeholder: 'EE123456789' })}
              description={t('signUp.vatHint')}
            />

            <Divider my="xs" />
            <Textarea {...text('comments')} description={t('signUp.commentsHint')} autosize minRows={3} maxRows={8} />

            <Text size="xs" c="dimmed">
              {t('signUp.requiredNote')}
            </Text>
            <Button type="submit" size="md" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('signUp.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
