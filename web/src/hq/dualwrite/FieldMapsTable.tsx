// A map's field maps: which HQ field meets which CRM field, which way, with what transform; each can be turned off.
import { Alert, Badge, Button, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { Section } from '../../ui/Section.tsx';
import { toBody } from './api.ts';
import type { FieldMapBody, FieldMapRow, MapDetail } from './api.ts';
import { AddFieldMapModal } from './AddFieldMapModal.tsx';
import { symbolMeaning } from './labels.tsx';
import { fieldMapName, useSaveFieldMaps } from './useSaveFieldMaps.ts';

export function FieldMapsTable({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  const [adding, { open, close }] = useDisclosure(false);
  const save = useSaveFieldMaps(map);
  const pendingIndex = save.isPending ? save.variables && changedIndex(map.fieldMaps, save.variables) : undefined;

  function toggle(row: FieldMapRow, enabled: boolean) {
    const next = toBody(map.fieldMaps).map((f, i) => (i === row.index ? { ...f, enabled } : f));
    save.mutate(next, {
      onSuccess: () => notifySuccess(enabled ? t('dualWrite.fieldMaps.turnedOn') : t('dualWrite.fieldMaps.turnedOff'), fieldMapName(row)),
    });
  }

  return (
    <Section
      title={t('dualWrite.fieldMaps.title')}
      actions={
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={open}>
          {t('dualWrite.fieldMaps.add')}
        </Button>
      }
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          <Trans t={t} i18nKey="dualWrite.fieldMaps.legend" components={{ b: <b /> }} />
        </Text>
        {save.isError ? (
          <Alert color="red" variant="light" role="alert" title={t('dualWrite.fieldMaps.notChanged')} withCloseButton onClose={() => save.reset()}>
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                <Table.Th>{t('dualWrite.fieldMaps.hqField')}</Table.Th>
                <Table.Th ta="center">{t('dualWrite.fieldMaps.direction')}</Table.Th>
                <Table.Th>{t('dualWrite.fieldMaps.crmField')}</Table.Th>
                <Table.Th>{t('dualWrite.fieldMaps.transform')}</Table.Th>
                <Table.Th>{t('dualWrite.fieldMaps.on')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {map.fieldMaps.map((row) => {
                const name = fieldMapName(row);
                const checked = pendingIndex === row.index && save.variables ? save.variables[row.index]!.enabled : row.enabled;
                return (
                  <Table.Tr key={row.index} data-field-map={name} opacity={row.enabled ? 1 : 0.6}>
                    <Table.Td>
                      <FieldName name={row.hqField} />
                    </Table.Td>
                    <Table.Td ta="center">
                      <Tooltip label={symbolMeaning(row.symbol)}>
                        <Text size="sm" ff="monospace" fw={700} span aria-label={symbolMeaning(row.symbol)}>
                          {row.symbol}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <FieldName name={row.crmField} />
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Transform row={row} />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        size="sm"
                        checked={checked}
                        disabled={save.isPending}
                        onChange={(event) => toggle(row, event.currentTarget.checked)}
                        aria-label={t('dualWrite.fieldMaps.switch', { name })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <AddFieldMapModal map={map} opened={adding} onClose={close} />
    </Section>
  );
}

/** The one field map whose `enabled` differs in a pending save, to show its new state while it saves. */
function changedIndex(current: readonly FieldMapRow[], next: readonly FieldMapBody[]): number | undefined {
  if (current.length !== next.length) return undefined;
  const index = current.findIndex((f, i) => f.enabled !== next[i]!.enabled);
  return index >= 0 ? index : undefined;
}

function FieldName({ name }: { name: string | null }) {
  const { t } = useTranslation('hq');
  return name ? (
    <Text size="sm" ff="monospace">
      {name}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('dualWrite.fieldMaps.noField')}
    </Text>
  );
}

function Transform({ row }: { row: FieldMapRow }) {
  const { t } = useTranslation('hq');
  const parts = [];
  if (row.valueMap && row.valueMap.length > 0) {
    parts.push(
      <Stack key="values" gap={2}>
        <Text size="xs" c="dimmed">
          {t('dualWrite.fieldMaps.valueMap')}
        </Text>
        {row.valueMap.map((entry) => (
          <Text key={`${entry.hq}|${entry.crm}`} size="xs" style={{ overflowWrap: 'anywhere' }}>
            {entry.hq} ↔ <Text span ff="monospace" size="xs">{entry.crm}</Text>
          </Text>
        ))}
      </Stack>,
    );
  }
  if (row.default !== undefined) {
    parts.push(
      <Text key="default" size="xs">
        <Text span c="dimmed" size="xs">
          {t('dualWrite.fieldMaps.default')}{' '}
        </Text>
        <Text span ff="monospace" size="xs">
          {row.default === null ? t('dualWrite.fieldMaps.empty') : String(row.default)}
        </Text>
      </Text>,
    );
  }
  if (row.lookup) {
    parts.push(
      <Group key="lookup" gap={4}>
        <Text span c="dimmed" size="xs">
          {t('dualWrite.fieldMaps.lookupThrough')}
        </Text>
        <Badge size="xs" variant="light" color="violet" radius="sm" style={{ textTransform: 'none' }}>
          {row.lookup}
        </Badge>
      </Group>,
    );
  }
  if (parts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return <Stack gap={6}>{parts}</Stack>;
}
