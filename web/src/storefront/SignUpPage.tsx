// "Become a business partner": the partner request form, checked as you go with the server's own rules.
import { Alert, Button, Container, Divider, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { PartnerRequestBody } from '../api/client.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import { useCountries } from '../ui/useCountries.ts';
import { emptyValues, fieldNames, fieldOfPath, labelOf, rules, toRequestBody, validateAll, validateField } from './signUpForm.ts';
import type { Field, Values } from './signUpForm.ts';
import { useStoreName } from './useStoreName.ts';

const inputId = (field: Field) => `partner-${field}`;

export function SignUpPage() {
  const storeName = useStoreName();
  useDocumentTitle(`Become a business partner · ${storeName}`);
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
      const fieldErrors = fieldErrorsFrom(error, fieldOfPath, labelOf);
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
    label: rules[field].label,
    required: rules[field].required ?? false,
    value: values[field],
    error: errors[field],
    maxLength: rules[field].max,
    onChange: (event: { currentTarget: { value: string } }) => change(field, event.currentTarget.value),
    onBlur: () => blur(field),
    ...extra,
  });

  const countryOptions = [{ value: '', label: 'Select a country/region' }, ...(countries.data ?? []).map((c) => ({ value: c.id, label: c.name }))];

  return (
    <Container size="sm" py={48}>
      <Stack gap="xs" mb="xl">
        <Title order={1}>Become a business partner</Title>
        <Text c="dimmed">
          Tell us about you and your company. Our partner team reviews every request and you can follow yours on a private status page.
        </Text>
      </Stack>

      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
        <form onSubmit={onSubmit} noValidate aria-label="Become a business partner">
          <Stack gap="md">
            {formError ? (
              <Alert ref={alertRef} color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Your request was not sent" role="alert">
                {formError}
              </Alert>
            ) : null}

            <Title order={2} fz="md">
              About you
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput {...text('firstName', { autoComplete: 'given-name' })} />
              <TextInput {...text('lastName', { autoComplete: 'family-name' })} />
              <TextInput {...text('email', { type: 'email', autoComplete: 'email' })} />
              <TextInput {...text('phone', { type: 'tel', autoComplete: 'tel' })} />
            </SimpleGrid>

            <Divider my="xs" />
            <Title order={2} fz="md">
              Your company
            </Title>
            <TextInput {...text('companyName', { autoComplete: 'organization' })} />
            <TextInput {...text('street', { autoComplete: 'street-address' })} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput {...text('city', { autoComplete: 'address-level2' })} />
              <TextInput {...text('state', { autoComplete: 'address-level1' })} />
              <TextInput {...text('zip', { autoComplete: 'postal-code' })} />
              <NativeSelect
                id={inputId('countryRegionId')}
                label={rules.countryRegionId.label}
                required
                autoComplete="country"
                data={countryOptions}
                value={values.countryRegionId}
                error={errors.countryRegionId ?? (countries.isError ? 'The list of countries/regions could not be loaded. Reload the page.' : undefined)}
                onChange={(event) => change('countryRegionId', event.currentTarget.value)}
                onBlur={() => blur('countryRegionId')}
              />
            </SimpleGrid>
            <TextInput
              {...text('vatNumber', { placeholder: 'EE123456789' })}
              description="Optional. With the country prefix, as on your invoices; spaces and dots are fine."
            />

            <Divider my="xs" />
            <Textarea {...text('comments')} description="What you buy and how much, or anything else we should know." autosize minRows={3} maxRows={8} />

            <Text size="xs" c="dimmed">
              Fields marked with * are required. We use your details only to review your request.
            </Text>
            <Button type="submit" size="md" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
              Submit request
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
