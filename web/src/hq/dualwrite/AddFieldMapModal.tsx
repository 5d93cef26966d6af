// Adds a field map: an HQ field, a CRM field, the direction and an optional default. The server checks the whole map.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorMessage } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { toBody } from './api.ts';
import type { FieldInfo, FieldMapBody, MapDetail } from './api.ts';
import { useSaveFieldMaps } from './useSaveFieldMaps.ts';
import { fieldDirectionLabel } from './labels.tsx';

interface AddFieldMapModalProps {
  map: MapDetail;
  opened: boolean;
  onClose: () => void;
}

export function AddFieldMapModal({ map, opened, onClose }: AddFieldMapModalProps) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={t('dualWrite.fieldMaps.add')} centered size="lg">
      {opened ? <AddFieldMapForm map={map} onDone={onClose} /> : null}
    </Modal>
  );
}

const none = '';
type Direction = FieldMapBody['direction'];
const directions: Direction[] = ['=', '>', '<'];

function fieldOptions(t: TFunction, fields: readonly FieldInfo[]) {
  return [
    { value: none, label: t('dualWrite.addFieldMap.noneOption') },
    ...fields.map((f) => ({
      value: f.name,
      label: `${f.name} · ${f.type}${f.readOnly ? ` · ${t('dualWrite.addFieldMap.readOnly')}` : ''}${f.required ? ` · ${t('dualWrite.addFieldMap.required')}` : ''}`,
    })),
  ];
}

/** The default as the destination field's type wants it: a number or a boolean when it reads as one. */
function typedDefault(text: string, type: string | undefined): string | number | boolean {
  if (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function AddFieldMapForm({ map, onDone }: { map: MapDetail; onDone: () => void }) {
  const { t } = useTranslation('hq');
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
        const noField = t('dualWrite.fieldMaps.noField');
        notifySuccess(t('dualWrite.addFieldMap.added'), `${added.hqField ?? noField} ${direction} ${added.crmField ?? noField}`);
        onDone();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('dualWrite.addFieldMap.intro')}
        </Text>
        <NativeSelect
          label={t('dualWrite.fieldMaps.hqField')}
          description={t('dualWrite.addFieldMap.hqFieldsOf', { entity: map.hqEntity })}
          data={fieldOptions(t, map.fields.hq)}
          value={hqField}
          onChange={(event) => setHqField(event.currentTarget.value)}
          data-autofocus
        />
        <NativeSelect
          label={t('dualWrite.fieldMaps.direction')}
          data={directions.map((d) => ({ value: d, label: fieldDirectionLabel(d) }))}
          value={direction}
          onChange={(event) => setDirection(event.currentTarget.value as Direction)}
        />
        <NativeSelect
          label={t('dualWrite.fieldMaps.crmField')}
          description={t('dualWrite.addFieldMap.crmFieldsOf', { entity: map.crmEntity })}
          data={fieldOptions(t, map.fields.crm)}
          value={crmField}
          onChange={(event) => setCrmField(event.currentTarget.value)}
        />
        <TextInput
          label={t('dualWrite.addFieldMap.defaultValue')}
          description={t('dualWrite.addFieldMap.defaultValueHelp')}
          value={defaultText}
          maxLength={200}
          onChange={(event) => setDefaultText(event.currentTarget.value)}
        />
        {save.isError ? (
          <Alert color="red" variant="light" role="alert" title={t('dualWrite.addFieldMap.notAdded')}>
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:ui.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('dualWrite.addFieldMap.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
