// Changes how often a distribution job runs on its schedule.
import { Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import type { DistributionJob } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { FormActions } from '../ui/FormActions.tsx';

interface ScheduleModalProps {
  job: DistributionJob;
  opened: boolean;
  onClose: () => void;
}

export function ScheduleModal({ job, opened, onClose }: ScheduleModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Schedule of job ${job.code}`} centered>
      {opened ? <ScheduleForm job={job} onDone={onClose} /> : null}
    </Modal>
  );
}

function ScheduleForm({ job, onDone }: { job: DistributionJob; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [seconds, setSeconds] = useState<number | string>(job.schedule.everySeconds);
  const [fieldError, setFieldError] = useState<string>();
  const save = useMutation({
    mutationFn: (everySeconds: number) => unwrap(api.PATCH('/api/hq/distribution/jobs/{code}', { params: { path: { code: job.code } }, body: { everySeconds } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'jobs'] });
      notifySuccess('Schedule saved', `${job.name} now runs every ${String(seconds)} s on its schedule.`);
      onDone();
    },
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'everySeconds') : undefined;
      setFieldError(issue ? `Interval ${issue.message}` : undefined);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) return setFieldError('Interval is required');
    if (seconds < 5 || seconds > 86400) return setFieldError('Interval must be between 5 and 86400 seconds');
    setFieldError(undefined);
    save.mutate(seconds);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {job.schedule.nearRealTime
            ? 'This job also runs as soon as it has work (near real time); the schedule is the fallback that catches anything missed.'
            : 'The job runs on this schedule while it is enabled.'}
        </Text>
        <NumberInput
          label="Interval"
          description="Seconds between scheduled runs (5 to 86400)"
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
        <FormActions error={save.isError && !fieldError ? save.error : null} onCancel={onDone} submitLabel="Save schedule" loading={save.isPending} />
      </Stack>
    </form>
  );
}
