// How the workspace words and colours things: map and ledger statuses, directions, relative times, durations.
import { Badge, Text, Tooltip } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDateTime, formatRelative } from '../../ui/format.ts';
import type { MapStatus, SyncDirection } from './api.ts';

const mapLooks: Record<MapStatus, { label: string; color: MantineColor }> = {
  Running: { label: 'Running', color: 'teal' },
  Paused: { label: 'Paused', color: 'yellow' },
  Initializing: { label: 'Initializing', color: 'blue' },
  Stopped: { label: 'Stopped', color: 'gray' },
  NotRunning: { label: 'Not running', color: 'gray' },
  Error: { label: 'Error', color: 'red' },
};

const recordLooks: Record<string, { label: string; color: MantineColor }> = {
  Created: { label: 'Created', color: 'teal' },
  Updated: { label: 'Updated', color: 'blue' },
  Unchanged: { label: 'Unchanged', color: 'gray' },
  Superseded: { label: 'Superseded', color: 'yellow' },
  Skipped: { label: 'Skipped', color: 'gray' },
  Failed: { label: 'Failed', color: 'red' },
  // Initial sync runs and errors
  Running: { label: 'Running', color: 'blue' },
  Completed: { label: 'Completed', color: 'teal' },
  Pending: { label: 'Pending', color: 'orange' },
  Resolved: { label: 'Resolved', color: 'teal' },
};

export function mapStatusLabel(status: MapStatus): string {
  return mapLooks[status]?.label ?? status;
}

export function MapStatusBadge({ status, size = 'md' }: { status: MapStatus; size?: 'sm' | 'md' | 'lg' }) {
  const look = mapLooks[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={look.color} variant="light" size={size} radius="sm">
      {look.label}
    </Badge>
  );
}

/** A ledger record's, an initial sync run's or an error's status. */
export function RecordStatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' }) {
  const look = recordLooks[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={look.color} variant="light" size={size} radius="sm">
      {look.label}
    </Badge>
  );
}

export const directionLabels: Record<SyncDirection, string> = { 'hq-to-crm': 'HQ → CRM', 'crm-to-hq': 'CRM → HQ' };

/** The arrow between the two sides of a map: both ways, or the one way it syncs. */
export function directionsArrow(directions: readonly SyncDirection[]): string {
  const toCrm = directions.includes('hq-to-crm');
  const toHq = directions.includes('crm-to-hq');
  return toCrm && toHq ? '↔' : toCrm ? '→' : toHq ? '←' : '·';
}

/** What a field map's direction symbol means, for its tooltip. */
export const symbolMeanings: Record<string, string> = {
  '=': 'Both ways',
  '><': 'Both ways, with a transform',
  '>': 'HQ to CRM',
  '>>': 'HQ to CRM, with a transform',
  '<': 'CRM to HQ',
  '<<': 'CRM to HQ, with a transform',
};

export const fieldDirectionLabels: Record<'=' | '>' | '<', string> = { '=': 'Both ways (=)', '>': 'HQ to CRM (>)', '<': 'CRM to HQ (<)' };

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(value: string | null | undefined, now: number): string {
  if (!value) return 'Never';
  const at = new Date(value).getTime();
  if (Number.isNaN(at)) return '—';
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 5) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return formatRelative(Math.round(seconds / size), unit);
  }
  return '—';
}

/** The current time, renewed every `everyMs` so relative times stay true. */
export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "3 minutes ago", with the exact time on hover. */
export function RelativeTime({ value, size = 'sm' }: { value: string | null | undefined; size?: 'xs' | 'sm' }) {
  const now = useNow();
  if (!value) {
    return (
      <Text size={size} c="dimmed" span>
        Never
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(value, true)}>
      <Text size={size} span style={{ whiteSpace: 'nowrap' }}>
        {relativeTime(value, now)}
      </Text>
    </Tooltip>
  );
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
