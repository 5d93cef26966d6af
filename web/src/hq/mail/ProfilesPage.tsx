// Notification profiles: for each notification type, send at once, hold for review, or send nothing.
import { Alert, Badge, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';

type Mode = 'Send' | 'Hold' | 'Off';

export function ProfilesPage() {
  const queryClient = useQueryClient();
  const profiles = useQuery({ queryKey: ['mail', 'profiles'], queryFn: () => unwrap(api.GET('/api/mail/profiles')) });
  const setMode = useMutation({
    mutationFn: (v: { id: string; type: string; mode: Mode }) =>
      unwrap(api.PUT('/api/mail/profiles/{id}/entries/{type}', { params: { path: { id: v.id, type: v.type as 'prospect-approved' } }, body: { mode: v.mode } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['mail', 'profiles'] }),
  });
  return (
    <>
      <PageHeader title="Notification profiles" description="Assigned to the online store: which messages go out at once and which wait for someone to release them." />
      {setMode.isError ? <Alert color="red" variant="light" mb="md">{errorMessage(setMode.error)}</Alert> : null}
      {!profiles.data ? (
        profiles.isError ? <ErrorAlert error={profiles.error} title="The profiles could not be loaded" /> : <TableSkeleton />
      ) : (
        <Stack gap="lg">
          {profiles.data.map((profile) => (
            <Paper key={profile.id} withBorder radius="md" p="lg">
              <Text fw={700}>{profile.name}</Text>
              <Text size="sm" c="dimmed" mb="md">
                Online store {profile.channelId ?? '—'} · default language <Badge variant="outline" size="sm">{profile.defaultLanguage}</Badge>
              </Text>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Notification type</Table.Th>
                    <Table.Th>Mode</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {profile.entries.map((entry) => (
                    <Table.Tr key={entry.type}>
                      <Table.Td>{entry.typeLabel}</Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          size="xs"
                          aria-label={`Mode for ${entry.typeLabel}`}
                          value={entry.mode}
                          data={[
                            { value: 'Send', label: 'Send at once' },
                            { value: 'Hold', label: 'Hold for review' },
                            { value: 'Off', label: 'Off' },
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
