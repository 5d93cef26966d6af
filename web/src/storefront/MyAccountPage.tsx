// My account: the organization and its credit limit, your role and spending limits, your password, and for admins the way to the organization's users.
import { Alert, Anchor, Button, Card, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowRight, IconChecks, IconFileInvoice, IconPackage, IconReceipt, IconShoppingCart, IconUsersGroup } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import { Details } from '../ui/Details.tsx';
import { formatMoney, fullName } from '../ui/format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { notifySuccess } from '../ui/notify.ts';
import { SecretInput } from '../ui/SecretInput.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useSignedInPartner } from './PartnerArea.tsx';
import { useCredit } from './ordering.ts';
import { formatLimit, passwordProblems } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

export function MyAccountPage() {
  const storeName = useStoreName();
  useDocumentTitle(`My account · ${storeName}`);
  const { user, organization, role } = useSignedInPartner();

  return (
    <Container size="lg" py={40}>
      <Stack gap={4} mb="xl">
        <Title order={1}>My account</Title>
        <Text c="dimmed">
          {fullName(user)} · {user.email}
        </Text>
      </Stack>

      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" wrap="wrap" gap="md">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={44} radius="md" variant="light">
                <IconPackage size={22} />
              </ThemeIcon>
              <Stack gap={2}>
                <Text fw={600}>Products</Text>
                <Text size="sm" c="dimmed">
                  Browse the catalogue with the prices for {organization.name}.
                </Text>
              </Stack>
            </Group>
            <Button component={Link} to="/products" variant="light" rightSection={<IconArrowRight size={16} />}>
              Browse products
            </Button>
          </Group>
        </Card>

        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" wrap="wrap" gap="md">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={44} radius="md" variant="light">
                <IconReceipt size={22} />
              </ThemeIcon>
              <Stack gap={2}>
                <Text fw={600}>Orders</Text>
                <Text size="sm" c="dimmed">
                  {role === 'Admin' ? `Your cart, the orders and invoices of ${organization.name}, and the orders waiting for your approval.` : 'Your cart, the orders you placed and their invoices.'}
                </Text>
              </Stack>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Button component={Link} to="/cart" variant="light" leftSection={<IconShoppingCart size={16} />}>
                Cart
              </Button>
              <Button component={Link} to="/my-account/orders" variant="light" rightSection={<IconArrowRight size={16} />}>
                My orders
              </Button>
              <Button component={Link} to="/my-account/invoices" variant="light" leftSection={<IconFileInvoice size={16} />}>
                My invoices
              </Button>
              {role === 'Admin' ? (
                <Button component={Link} to="/my-account/approvals" variant="light" leftSection={<IconChecks size={16} />}>
                  Approvals
                </Button>
              ) : null}
            </Group>
          </Group>
        </Card>

        <CreditCard />

        {role === 'Admin' ? (
          <Card withBorder radius="md" padding="lg">
            <Group justify="space-between" wrap="wrap" gap="md">
              <Group gap="md" wrap="nowrap">
                <ThemeIcon size={44} radius="md" variant="light">
                  <IconUsersGroup size={22} />
                </ThemeIcon>
                <Stack gap={2}>
                  <Text fw={600}>Your team</Text>
                  <Text size="sm" c="dimmed">
                    As an admin of {organization.name} you add the people who buy for it, set their spending limits and remove them.
                  </Text>
                </Stack>
              </Group>
              <Button component={Link} to="/my-account/organization-users" variant="light" rightSection={<IconArrowRight size={16} />}>
                Organization users
              </Button>
            </Group>
          </Card>
        ) : null}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title="Your organization">
            <Details
              labelWidth={150}
              items={[
                ['Name', organization.name],
                ['Account', organization.account],
                ['Credit limit', formatLimit(organization.creditLimit, 'No credit limit')],
              ]}
            />
          </Section>
          <Section title="You">
            <Details
              labelWidth={150}
              items={[
                ['Name', fullName(user)],
                ['E-mail', user.email],
                ['Role', <StatusBadge key="role" status={role} size="sm" />],
                ['Spending limit', `${formatLimit(user.spendingLimit)} per order`],
                ['Monthly limit', `${formatLimit(user.monthlySpendingLimit)} per month`],
              ]}
            />
          </Section>
        </SimpleGrid>

        <Section title="Password">
          <ChangePasswordForm email={user.email} />
        </Section>
      </Stack>
    </Container>
  );
}

/** The organization's credit as the checkout counts it: limit − open orders − unpaid invoices = available. */
function CreditCard() {
  const credit = useCredit();
  return (
    <Section
      title="Credit"
      actions={
        <Anchor component={Link} to="/my-account/invoices" size="sm">
          See invoices
        </Anchor>
      }
    >
      {credit.isError ? (
        <ErrorAlert error={credit.error} title="The credit could not be loaded" />
      ) : (
        <Details
          labelWidth={150}
          items={
            credit.data
              ? [
                  ['Credit limit', credit.data.creditLimit === null ? 'No credit granted yet' : formatMoney(credit.data.creditLimit, credit.data.currency)],
                  ['Open orders', formatMoney(credit.data.openOrders, credit.data.currency)],
                  ['Unpaid invoices', formatMoney(credit.data.unpaidInvoices, credit.data.currency)],
                  ['Available', <Text key="available" span fw={700}>{formatMoney(credit.data.available, credit.data.currency)}</Text>],
                ]
              : [['Available', 'Loading…']]
          }
        />
      )}
    </Section>
  );
}

type Field = 'currentPassword' | 'newPassword' | 'confirm';

function ChangePasswordForm({ email }: { email: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/store/auth/change-password', { body })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      notifySuccess('Password changed', 'Use the new password from now on. Your other devices were signed out.');
    },
    onError: (error) => {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of error instanceof ApiError ? error.fieldErrors : []) {
        if (issue.path === 'currentPassword') found.currentPassword ??= `Current password ${issue.message}`;
        if (issue.path === 'newPassword') found.newPassword ??= `New password ${issue.message}`;
      }
      setErrors(found);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = passwordProblems(next, confirm, 'New password');
    const found: Partial<Record<Field, string>> = { newPassword: problems.password, confirm: problems.confirm };
    if (!current) found.currentPassword = 'Current password is required';
    setErrors(found);
    if (found.currentPassword || found.newPassword || found.confirm) return;
    change.mutate({ currentPassword: current, newPassword: next });
  }

  const fieldError = Boolean(errors.currentPassword || errors.newPassword || errors.confirm);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password">
      <Stack gap="md" maw={420}>
        {change.isError && !fieldError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(change.error)}
          </Alert>
        ) : null}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <SecretInput
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          error={errors.currentPassword}
          maxLength={200}
          onChange={(event) => setCurrent(event.currentTarget.value)}
        />
        <NewPasswordFields
          label="New password"
          confirmLabel="Confirm new password"
          password={next}
          confirm={confirm}
          errors={{ password: errors.newPassword, confirm: errors.confirm }}
          onPassword={setNext}
          onConfirm={setConfirm}
        />
        <Text size="xs" c="dimmed">
          Changing your password signs you out on your other devices.
        </Text>
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
