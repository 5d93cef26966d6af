// How the workspace words and colours things: map and ledger statuses, directions, relative times, durations.
import { Badge, Text, Tooltip } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../ui/format.ts';
import { statusLabel } from '../../ui/StatusBadge.tsx';
import type { MapStatus, SyncDirection } from './api.ts';

// The texts are the common status.* ones (statusLabel); only the colours are the workspace's own.
const mapColors: Record<MapStatus, MantineColor> = {
  Running: 'teal',
  Paused: 'yellow',
  Initializing: 'blue',
  Stopped: 'gray',
  NotRunning: 'gray',
  Error: 'red',
};

const recordColors: Record<string, MantineColor> = {
  Created: 'teal',
  Updated: 'blue',
  Unchanged: 'gray',
  Superseded: 'yellow',
  Skipped: 'gray',
  Failed: 'red',
  // Initial sync runs and errors
  Running: 'blue',
  Completed: 'teal',
  Pending: 'orange',
  Resolved: 'teal',
};

export function mapStatusLabel(status: MapStatus): string {
  return statusLabel(status);
}

export function MapStatusBadge({ status, size = 'md' }: { status: MapStatus; size?: 'sm' | 'md' | 'lg' }) {
  useTranslation(); // renders again when the language changes
  return (
    <Badge color={mapColors[status] ?? 'gray'} variant="light" size={size} radius="sm">
      {statusLabel(status)}
    </Badge>
  );
}

/** A ledger record's, an initial sync run's or an error's status. */
export function RecordStatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' }) {
  useTranslation(); // renders again when the language changes
  return (
    <Badge color={recordColors[status] ?? 'gray'} variant="light" size={size} radius="sm">
      {statusLabel(status)}
    </Badge>
  );
}

// Names of the two systems and an arrow: the same in every language.
export const directionLabels: Record<SyncDirection, string> = { 'hq-to-crm': 'HQ → CRM', 'crm-to-hq': 'CRM → HQ' };

/** The arrow between the two sides of a map: both ways, or the one way it syncs. */
export function directionsArrow(directions: readonly SyncDirection[]): string {
  const toCrm = directions.includes('hq-to-crm');
  const toHq = directions.includes('crm-to-hq');
  return toCrm && toHq ? '↔' : toCrm ? '→' : toHq ? '←' : '·';
}

const symbolKeys: Record<string, string> = {
  '=': 'bothWays',
  '><': 'bothWaysTransform',
  '>': 'hqToCrm',
  '>>': 'hqToCrmTransform',
  '<': 'crmToHq',
  '<<': 'crmToHqTransform',
};

/** What a field map's direction symbol means, for its tooltip (in the current language, so call it while rendering). */
export function symbolMeaning(symbol: string): string {
  const key = symbolKeys[symbol];
  return key ? i18next.t(`hq:dualWrite.symbols.${key}`) : symbol;
}

/** A direction as the add form offers it, with its symbol (call it while rendering). */
export function fieldDirectionLabel(direction: '=' | '>' | '<'): string {
  return `${symbolMeaning(direction)} (${direction})`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(value: string | null | undefined, now: number): string {
  if (!value) return i18next.t('hq:dualWrite.never');
  const at = new Date(value).getTime();
  if (Number.isNaN(at)) return '—';
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 5) return i18next.t('hq:dualWrite.justNow');
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
  const { t } = useTranslation('hq');
  const now = useNow();
  if (!value) {
    return (
      <Text size={size} c="dimmed" span>
        {t('dualWrite.never')}
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
  if (seconds < 60) return i18next.t('hq:dualWrite.duration.seconds', { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return i18next.t('hq:dualWrite.duration.minutes', { m: minutes, s: seconds % 60 });
  return i18next.t('hq:dualWrite.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
