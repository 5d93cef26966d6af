// Adds a field map: an HQ field, a CRM field, the direction and an optional default. The server checks the whole map.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { toBody } from './api.ts';
import type { FieldInfo, FieldMapBody, MapDetail } from './api.ts';
import { useSaveFieldMaps } from './useSaveFieldMaps.ts';
import { fieldDirectionLabels } from './labels.tsx';

interface AddFieldMapModalProps {
  map: MapDetail;
  opened: boolean;
  onClose: () => void;
}

export function AddFieldMapModal({ map, opened, onClose }: AddFieldMapModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add field map" centered size="lg">
      {opened ? <AddFieldMapForm map={map} onDone={onClose} /> : null}
    </Modal>
  );
}

const none = '';
type Direction = FieldMapBody['direction'];
const directions: Direction[] = ['=', '>', '<'];

function fieldOptions(fields: readonly FieldInfo[], noneLabel: string) {
  return [
    { value: none, label: noneLabel },
    ...fields.map((f) => ({ value: f.name, label: `${f.name} · ${f.type}${f.readOnly ? ' · read-only' : ''}${f.required ? ' · required' : ''}` })),
  ];
}

/** The default as the destination field's type wants it: a number or a boolean when it reads as one. */
function typedDefault(text: string, type: string | undefined): string | number | boolean {
  if (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function AddFieldMapForm({ map, onDone }: { map: MapDetail; onDone: () => void }) {
  const [hqField, setHqField] = useState(none);
  const [crmField, setCrmField] = useState(none);
  const [direction, setDirection] = useState<Direction>('=');
  const [defaultText, setDefaultText] = useState('');
  const save = useSaveFieldMaps(map);

  const destination = direction === '<' ? map.fields.hq.find((f) => f.name === hqField) : map.fields.crm.find((f) => f.name === crmField);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const added: FieldMapBody = {
      hqField: hqField || null,
      crmField: crmField || null,
      direction,
      enabled: true,
      ...(defaultText !== '' ? { default: typedDefault(defaultText, destination?.type) } : {}),
    };
    save.mutate([...toBody(map.fieldMaps), added], {
      onSuccess: () => {
        notifySuccess('Field map added', `${added.hqField ?? '(none)'} ${direction} ${added.crmField ?? '(none)'}`);
        onDone();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Pick the fields to connect. A field map with one side only writes its default value. The map is checked as a whole when you save, so a field map that
          cannot work is refused with the reason.
        </Text>
        <NativeSelect
          label="HQ field"
          description={`Fields of ${map.hqEntity} in HQ`}
          data={fieldOptions(map.fields.hq, '(none: default value only)')}
          value={hqField}
          onChange={(event) => setHqField(event.currentTarget.value)}
          data-autofocus
        />
        <NativeSelect
          label="Direction"
          data={directions.map((d) => ({ value: d, label: fieldDirectionLabels[d] }))}
          value={direction}
          onChange={(event) => setDirection(event.currentTarget.value as Direction)}
        />
        <NativeSelect
          label="CRM field"
          description={`Fields of ${map.crmEntity} in the CRM`}
          data={fieldOptions(map.fields.crm, '(none: default value only)')}
          value={crmField}
          onChange={(event) => setCrmField(event.currentTarget.value)}
        />
        <TextInput
          label="Default value"
          description="Optional. Written when the source has no value, or always when there is no source field."
          value={defaultText}
          maxLength={200}
          onChange={(event) => setDefaultText(event.currentTarget.value)}
        />
        {save.isError ? (
          <Alert color="red" variant="light" role="alert" title="The field map was not added">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save field map
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
