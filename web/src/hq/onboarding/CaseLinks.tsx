// Links to an onboarding case from the records it made: the HQ prospect, the CRM lead, and the customers its
// approval made or used. The case knows the lead and the customers even where those records do not know each other
// (HQ's prospect never learns its lead's id; customers made through dual-write carry no prospect).
import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isStatus, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

const noRetryOn404 = (count: number, error: unknown) => !isStatus(error, 404) && count < 2;

/** The case of a prospect (its first request's) with its links, or null when the prospect has none. */
export function useCaseOfProspect(prospectId: string | undefined) {
  const ref = useQuery({
    queryKey: ['hq', 'onboarding-case', 'by-prospect', prospectId],
    queryFn: () => unwrap(api.GET('/api/hq/prospects/{prospectId}/onboarding-case', { params: { path: { prospectId: prospectId! } } })),
    enabled: Boolean(prospectId),
    retry: noRetryOn404,
  });
  const id = ref.data?.id;
  const found = useQuery({
    queryKey: ['hq', 'onboarding-case', id],
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  return { data: found.data, missing: !prospectId || (ref.isError && isStatus(ref.error, 404)), isError: (ref.isError && !isStatus(ref.error, 404)) || found.isError };
}

function Dash({ text = '—' }: { text?: string }) {
  return (
    <Text size="sm" c="dimmed" span>
      {text}
    </Text>
  );
}

/** "OC-000042 · In review", linking to the case page. */
export function ProspectCaseLink({ prospectId }: { prospectId: string | undefined }) {
  // The CRM's lead page shows this too: useTranslation loads the hq texts there when they are not loaded yet.
  const { t } = useTranslation('hq');
  const found = useCaseOfProspect(prospectId);
  if (found.missing) return <Dash />;
  if (found.isError) return <Dash text={t('onboarding.links.notLoaded')} />;
  if (!found.data) return <Dash text={t('onboarding.links.loading')} />;
  return (
    <Group gap="xs" wrap="wrap">
      <AppLink to={`/hq/onboarding-cases/${found.data.id}`} size="sm" ff="monospace">
        {found.data.number}
      </AppLink>
      <StatusBadge status={found.data.status} size="sm" />
    </Group>
  );
}

/** The prospect's CRM lead: HQ's own reference when it has one, otherwise the one its case found. */
export function ProspectLeadLink({ prospectId, leadId }: { prospectId: string; leadId?: string | undefined }) {
  const { t } = useTranslation('hq');
  const found = useCaseOfProspect(leadId ? undefined : prospectId);
  const id = leadId ?? found.data?.leadId;
  if (!id) return <Dash />;
  return (
    <AppLink to={`/sales/leads/${encodeURIComponent(id)}`} size="sm">
      {t('onboarding.links.openLeadInCrm')}
    </AppLink>
  );
}

/** Where a customer came from: the prospect that made it, or the case whose approval made or used it. */
export function CustomerOrigin({ account, prospectId }: { account: string; prospectId?: string | undefined }) {
  const { t } = useTranslation('hq');
  const byCustomer = useQuery({
    queryKey: ['hq', 'onboarding-cases', { customer: account }],
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases', { params: { query: { customer: account, sort: 'openedAt', limit: 5, offset: 0 } } })),
  });
  const cases = byCustomer.data?.items ?? [];
  const prospect = prospectId ?? cases[0]?.prospectId;
  if (!prospect && cases.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {byCustomer.isPending ? t('onboarding.links.loading') : t('onboarding.links.notFromProspect')}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {prospect ? (
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{prospectId ? t('onboarding.links.createdByApproving') : t('onboarding.links.approvedFrom')}</Text>
          <AppLink to={`/hq/prospects/${encodeURIComponent(prospect)}`} ff="monospace" size="sm">
            {prospect}
          </AppLink>
        </Group>
      ) : null}
      {cases.map((c) => (
        <Group key={c.id} gap="xs" wrap="wrap">
          <Text size="sm">{t('onboarding.links.case')}</Text>
          <AppLink to={`/hq/onboarding-cases/${c.id}`} ff="monospace" size="sm">
            {c.number}
          </AppLink>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {c.email}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
