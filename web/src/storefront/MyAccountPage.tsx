// My account: the organization and its credit limit, your role and spending limits, your password, and for admins the way to the organization's users.
import { Alert, Anchor, Button, Card, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowRight, IconChecks, IconFileInvoice, IconPackage, IconReceipt, IconShoppingCart, IconUsersGroup } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('layout.myAccount')} · ${storeName}`);
  const { user, organization, role } = useSignedInPartner();

  return (
    <Container size="lg" py={40}>
      <Stack gap={4} mb="xl">
        <Title order={1}>{t('layout.myAccount')}</Title>
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
                <Text fw={600}>{t('layout.products')}</Text>
                <Text size="sm" c="dimmed">
                  {t('account.productsText', { organization: organization.name })}
                </Text>
              </Stack>
            </Group>
            <Button component={Link} to="/products" variant="light" rightSection={<IconArrowRight size={16} />}>
              {t('account.browseProducts')}
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
                <Text fw={600}>{t('account.orders')}</Text>
                <Text size="sm" c="dimmed">
                  {role === 'Admin' ? t('account.ordersTextAdmin', { organization: organization.name }) : t('account.ordersText')}
                </Text>
              </Stack>
            </Group>
            <Group gap="xs" wrap="wrap">
              <Button component={Link} to="/cart" variant="light" leftSection={<IconShoppingCart size={16} />}>
                {t('layout.cart')}
              </Button>
              <Button component={Link} to="/my-account/orders" variant="light" rightSection={<IconArrowRight size={16} />}>
                {t('account.myOrders')}
              </Button>
              <Button component={Link} to="/my-account/invoices" variant="light" leftSection={<IconFileInvoice size={16} />}>
                {t('account.myInvoices')}
              </Button>
              {role === 'Admin' ? (
                <Button component={Link} to="/my-account/approvals" variant="light" leftSection={<IconChecks size={16} />}>
                  {t('account.approvals')}
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
                  <Text fw={600}>{t('account.team')}</Text>
                  <Text size="sm" c="dimmed">
                    {t('account.teamText', { organization: organization.name })}
                  </Text>
                </Stack>
              </Group>
              <Button component={Link} to="/my-account/organization-users" variant="light" rightSection={<IconArrowRight size={16} />}>
                {t('account.organizationUsers')}
              </Button>
            </Group>
          </Card>
        ) : null}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title={t('account.yourOrganization')}>
            <Details
              labelWidth={150}
              items={[
                [t('account.name'), organization.name],
                [t('account.account'), organization.account],
                [t('credit.limit'), formatLimit(organization.creditLimit, t('account.noCreditLimit'))],
              ]}
            />
          </Section>
          <Section title={t('account.you')}>
            <Details
              labelWidth={150}
              items={[
                [t('account.name'), fullName(user)],
                [t('fields.email'), user.email],
                [t('account.role'), <StatusBadge key="role" status={role} size="sm" />],
                [t('account.spendingLimit'), t('account.perOrder', { limit: formatLimit(user.spendingLimit, t('account.noLimit')) })],
                [t('account.monthlyLimit'), t('account.perMonth', { limit: formatLimit(user.monthlySpendingLimit, t('account.noLimit')) })],
              ]}
            />
          </Section>
        </SimpleGrid>

        <Section title={t('account.password')}>
          <ChangePasswordForm email={user.email} />
        </Section>
      </Stack>
    </Container>
  );
}

/** The organization's credit as the checkout counts it: limit − open orders − unpaid invoices = available. */
function CreditCard() {
  const { t } = useTranslation('storefront');
  const credit = useCredit();
  return (
    <Section
      title={t('credit.title')}
      actions={
        <Anchor component={Link} to="/my-account/invoices" size="sm">
          {t('credit.seeInvoices')}
        </Anchor>
      }
    >
      {credit.isError ? (
        <ErrorAlert error={credit.error} title={t('credit.loadFailed')} />
      ) : (
        <Details
          labelWidth={150}
          items={
            credit.data
              ? [
                  [t('credit.limit'), credit.data.creditLimit === null ? t('credit.none') : formatMoney(credit.data.creditLimit, credit.data.currency)],
                  [t('credit.openOrders'), formatMoney(credit.data.openOrders, credit.data.currency)],
                  [t('credit.unpaidInvoices'), formatMoney(credit.data.unpaidInvoices, credit.data.currency)],
                  [t('credit.available'), <Text key="available" span fw={700}>{formatMoney(credit.data.available, credit.data.currency)}</Text>],
                ]
              : [[t('credit.available'), t('credit.loading')]]
          }
        />
      )}
    </Section>
  );
}

type Field = 'currentPassword' | 'newPassword' | 'confirm';

function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation('storefront');
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
      notifySuccess(t('password.changed'), t('password.changedText'));
    },
    onError: (error) => {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of error instanceof ApiError ? error.fieldErrors : []) {
        if (issue.path === 'currentPassword') found.currentPassword ??= t('problems.other', { label: t('password.current'), problem: issue.message });
        if (issue.path === 'newPassword') found.newPassword ??= t('problems.other', { label: t('password.new'), problem: issue.message });
      }
      setErrors(found);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = passwordProblems(next, confirm, t('password.new'));
    const found: Partial<Record<Field, string>> = { newPassword: problems.password, confirm: problems.confirm };
    if (!current) found.currentPassword = t('problems.required', { label: t('password.current') });
    setErrors(found);
    if (found.currentPassword || found.newPassword || found.confirm) return;
    change.mutate({ currentPassword: current, newPassword: next });
  }

  const fieldError = Boolean(errors.currentPassword || errors.newPassword || errors.confirm);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('password.change')}>
      <Stack gap="md" maw={420}>
        {change.isError && !fieldError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(change.error)}
          </Alert>
        ) : null}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <SecretInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          value={current}
          error={errors.currentPassword}
          maxLength={200}
          onChange={(event) => setCurrent(event.currentTarget.value)}
        />
        <NewPasswordFields
          label={t('password.new')}
          confirmLabel={t('password.confirm')}
          password={next}
          confirm={confirm}
          errors={{ password: errors.newPassword, confirm: errors.confirm }}
          onPassword={setNext}
          onConfirm={setConfirm}
        />
        <Text size="xs" c="dimmed">
          {t('password.signsOut')}
        </Text>
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('password.change')}
        </Button>
      </Stack>
    </form>
  );
}
