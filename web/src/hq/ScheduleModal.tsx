// Changes how often a distribution job runs on its schedule.
import { Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import type { DistributionJob } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { useTranslation } from 'react-i18next';

interface ScheduleModalProps {
  job: DistributionJob;
  opened: boolean;
  onClose: () => void;
}

export function ScheduleModal({ job, opened, onClose }: ScheduleModalProps) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={t('jobs.scheduleOf', { code: job.code })} centered>
      {opened ? <ScheduleForm job={job} onDone={onClose} /> : null}
    </Modal>
  );
}

function ScheduleForm({ job, onDone }: { job: DistributionJob; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [seconds, setSeconds] = useState<number | string>(job.schedule.everySeconds);
  const [fieldError, setFieldError] = useState<string>();
  const save = useMutation({
    mutationFn: (everySeconds: number) => unwrap(api.PATCH('/api/hq/distribution/jobs/{code}', { params: { path: { code: job.code } }, body: { everySeconds } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'jobs'] });
      notifySuccess(t('jobs.scheduleSaved'), t('jobs.scheduleSavedText', { name: job.name, seconds: String(seconds) }));
      onDone();
    },
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'everySeconds') : undefined;
      setFieldError(issue ? `${t('jobs.interval')} ${issue.message}` : undefined);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) return setFieldError(t('jobs.intervalRequired'));
    if (seconds < 5 || seconds > 86400) return setFieldError(t('jobs.intervalRange'));
    setFieldError(undefined);
    save.mutate(seconds);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {job.schedule.nearRealTime
            ? t('jobs.nearRealTimeText')
            : t('jobs.scheduleText')}
        </Text>
        <NumberInput
          label={t('jobs.interval')}
          description={t('jobs.intervalHint')}
          suffix=" s"
          min={5}
          max={86400}
          allowDecimal={false}
          allowNegative={false}
          required
          value={seconds}
          onChange={setSeconds}
          error={fieldError}
          data-autofocus
        />
        <FormActions error={save.isError && !fieldError ? save.error : null} onCancel={onDone} submitLabel={t('jobs.saveSchedule')} loading={save.isPending} />
      </Stack>
    </form>
  );
}
