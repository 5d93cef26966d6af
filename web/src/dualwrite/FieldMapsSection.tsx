// The map's field maps: turn each on or off, add one between existing fields; the server validates the whole map.
import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { FieldMap, TableMapDetail } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';

function plain(map: TableMapDetail): FieldMap[] {
  return map.fieldMaps.map(({ index: _index, symbol: _symbol, ...field }) => field);
}

function transformOf(field: TableMapDetail['fieldMaps'][number]): string {
  if (field.lookup) return `Lookup through ${field.lookup}`;
  if (field.valueMap) return `Value map: ${field.valueMap.map((v) => `${v.hq} ↔ ${v.crm}`).join('; ')}`;
  if (field.default !== undefined) return `Default: ${String(field.default)}`;
  return '';
}

export function FieldMapsSection({ map }: { map: TableMapDetail }) {
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const save = useMutation({
    mutationFn: (fieldMaps: FieldMap[]) => unwrap(api.PATCH('/api/dualwrite/maps/{id}', { params: { path: { id: map.id } }, body: { fieldMaps } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['dualwrite', 'map', map.id], saved);
      notifySuccess('Field maps saved');
      close();
    },
  });
  const toggle = (index: number, enabled: boolean) => save.mutate(plain(map).map((f, i) => (i === index ? { ...f, enabled } : f)));
  return (
    <Section
      title="Field maps"
      actions={
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={open}>
          Add field map
        </Button>
      }
    >
      <Stack gap="sm">
        {save.isError && !opened ? (
          <Alert color="red" variant="light" role="alert" title="The map was not changed">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>HQ field</Table.Th>
              <Table.Th>Direction</Table.Th>
              <Table.Th>CRM field</Table.Th>
              <Table.Th>Transform</Table.Th>
              <Table.Th>On</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {map.fieldMaps.map((field) => (
              <Table.Tr key={field.index} opacity={field.enabled ? 1 : 0.55}>
                <Table.Td ff="monospace" fz="sm">
                  {field.hqField ?? '—'}
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="gray" ff="monospace">
                    {field.symbol}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {field.crmField ?? '—'}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {transformOf(field)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={field.enabled}
                    aria-label={`Field map ${field.hqField ?? ''} ${field.symbol} ${field.crmField ?? ''}`}
                    onChange={(e) => toggle(field.index, e.currentTarget.checked)}
                    disabled={save.isPending}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {opened ? <AddFieldMapModal map={map} onClose={close} onSave={(field) => save.mutate([...plain(map), field])} error={save.isError ? errorMessage(save.error) : undefined} saving={save.isPending} /> : null}
    </Section>
  );
}

function AddFieldMapModal({ map, onClose, onSave, error, saving }: { map: TableMapDetail; onClose: () => void; onSave: (field: FieldMap) => void; error: string | undefined; saving: boolean }) {
  const [hqField, setHqField] = useState('');
  const [crmField, setCrmField] = useState('');
  const [direction, setDirection] = useState<FieldMap['direction']>('=');
  const [fallback, setFallback] = useState('');
  const describe = (f: { name: string; type: string; readOnly?: boolean }) => ({ value: f.name, label: `${f.name} (${f.type}${f.readOnly ? ', read-only' : ''})` });
  return (
    <Modal opened onClose={onClose} title="Add a field map" centered>
      <Stack gap="sm">
        <NativeSelect label="HQ field" data={[{ value: '', label: '— none (default value only) —' }, ...map.fields.hq.map(describe)]} value={hqField} onChange={(e) => setHqField(e.currentTarget.value)} />
        <NativeSelect
          label="Direction"
          data={[
            { value: '=', label: '= both ways' },
            { value: '>', label: '> HQ to CRM' },
            { value: '<', label: '< CRM to HQ' },
          ]}
          value={direction}
          onChange={(e) => setDirection(e.currentTarget.value as FieldMap['direction'])}
        />
        <NativeSelect label="CRM field" data={[{ value: '', label: '— none (default value only) —' }, ...map.fields.crm.map(describe)]} value={crmField} onChange={(e) => setCrmField(e.currentTarget.value)} />
        <TextInput label="Default value" description="Written when the source has no value" value={fallback} onChange={(e) => setFallback(e.currentTarget.value)} />
        {error ? (
          <Alert color="red" variant="light" role="alert" title="Not saved">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={saving} onClick={() => onSave({ hqField: hqField || null, crmField: crmField || null, direction, enabled: true, ...(fallback ? { default: fallback } : {}) })}>
            Save field map
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
