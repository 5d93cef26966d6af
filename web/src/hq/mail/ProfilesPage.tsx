// Notification profiles: for each notification type, send at once, hold for review, or send nothing.
import { Alert, Badge, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { typeLabel } from './mailLabels.tsx';

type Mode = 'Send' | 'Hold' | 'Off';

export function ProfilesPage() {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const profiles = useQuery({ queryKey: ['mail', 'profiles'], queryFn: () => unwrap(api.GET('/api/mail/profiles')) });
  const setMode = useMutation({
    mutationFn: (v: { id: string; type: string; mode: Mode }) =>
      unwrap(api.PUT('/api/mail/profiles/{id}/entries/{type}', { params: { path: { id: v.id, type: v.type as 'prospect-approved' } }, body: { mode: v.mode } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['mail', 'profiles'] }),
  });
  return (
    <>
      <PageHeader title={t('mail.profiles.title')} description={t('mail.profiles.description')} />
      {setMode.isError ? <Alert color="red" variant="light" mb="md">{errorMessage(setMode.error)}</Alert> : null}
      {!profiles.data ? (
        profiles.isError ? <ErrorAlert error={profiles.error} title={t('mail.profiles.notLoaded')} /> : <TableSkeleton />
      ) : (
        <Stack gap="lg">
          {profiles.data.map((profile) => (
            <Paper key={profile.id} withBorder radius="md" p="lg">
              <Text fw={700}>{profile.name}</Text>
              <Text size="sm" c="dimmed" mb="md">
                <Trans
                  t={t}
                  i18nKey="mail.profiles.storeAndLanguage"
                  values={{ store: profile.channelId ?? '—', language: profile.defaultLanguage }}
                  components={{ badge: <Badge variant="outline" size="sm" /> }}
                />
              </Text>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('mail.notificationType')}</Table.Th>
                    <Table.Th>{t('mail.profiles.mode')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {profile.entries.map((entry) => (
                    <Table.Tr key={entry.type}>
                      <Table.Td>{typeLabel(entry.type, entry.typeLabel)}</Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          size="xs"
                          aria-label={t('mail.profiles.modeFor', { type: typeLabel(entry.type, entry.typeLabel) })}
                          value={entry.mode}
                          data={[
                            { value: 'Send', label: t('mail.profiles.send') },
                            { value: 'Hold', label: t('mail.profiles.hold') },
                            { value: 'Off', label: t('mail.profiles.off') },
                          ]}
                          onChange={(mode) => setMode.mutate({ id: profile.id, type: entry.type, mode: mode as Mode })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </Stack>
      )}
    </>
  );
}
