// A case's possible duplicates as HQ (at intake) and the CRM (when the lead was made) found them: what was matched,
// in which system, the reasons in words and the score. Deciding on them happens on the prospect and the lead.
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { duplicateReasonText } from '../../ui/duplicateReasons.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { Section } from '../../ui/Section.tsx';
import type { CaseDetail } from './caseLabels.ts';

type Match = CaseDetail['possibleDuplicates'][number];

// Each kind's name is hq:onboarding.duplicates.kinds.<kind>.
const kinds: Record<Match['kind'], { path: string }> = {
  customer: { path: '/hq/customers' },
  prospect: { path: '/hq/prospects' },
  lead: { path: '/sales/leads' },
  contact: { path: '/sales/contacts' },
  account: { path: '/sales/accounts' },
};

export function CaseDuplicates({ onboardingCase }: { onboardingCase: CaseDetail }) {
  const { t } = useTranslation('hq');
  const matches = onboardingCase.possibleDuplicates;
  if (matches.length === 0) return null;
  return (
    <Section title={t('onboarding.duplicates.title')}>
      <Stack gap="xs">
        {matches.map((m) => (
          <Paper key={`${m.system}-${m.kind}-${m.id}`} withBorder radius="sm" p="xs" bg={m.status === 'Open' ? undefined : 'gray.0'} role="group" aria-label={t('onboarding.duplicates.label', { name: m.name })}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <AppLink to={`${kinds[m.kind].path}/${encodeURIComponent(m.id)}`} fw={600} size="sm">
                  {m.name}
                </AppLink>
                <Text size="xs" c="dimmed">
                  {t(`onboarding.duplicates.kinds.${m.kind}`)}
                  {m.status === 'Dismissed' ? ` · ${t('onboarding.duplicates.dismissed')}` : ''}
                </Text>
              </Stack>
              <Badge variant="light" color={m.score >= 60 ? 'orange' : 'gray'} title={t('onboarding.duplicates.scoreHelp')}>
                {t('onboarding.duplicates.score', { score: m.score })}
              </Badge>
            </Group>
            <Group gap={6} mt={6}>
              {m.reasons.map((reason) => (
                <Badge key={reason} variant="outline" size="sm" color="gray">
                  {duplicateReasonText(reason, m.nameSimilarity)}
                </Badge>
              ))}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
