// The dual-write workspace's data: types from the generated client, query keys and the shared queries.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { FieldMap, LedgerRecord, SyncError, TableMap, TableMapDetail } from '../../api/client.ts';

export type { LedgerRecord, SyncError };
export type MapSummary = TableMap;
export type MapDetail = TableMapDetail;
export type MapStatus = MapSummary['status'];
export type SyncDirection = MapSummary['directions'][number];
export type FieldMapRow = MapDetail['fieldMaps'][number];
/** A field map as the PATCH body takes it (without the server's `index` and `symbol`). */
export type FieldMapBody = FieldMap;
export type FieldInfo = MapDetail['fields']['hq'][number];
export type InitialSyncRun = MapDetail['initialSync'][number];
export type ActivityEntry = MapDetail['activity'][number];

/** Who may use the workspace (administrators always may). */
export const integrationRoles = ['integration-administrator'] as const;

export const ledgerStatuses = ['Created', 'Updated', 'Unchanged', 'Superseded', 'Skipped', 'Failed'] as const;

/** How often the workspace refreshes, so counts and progress move while you watch. */
export const refreshMs = 2000;

export const mapsKey = ['dualwrite', 'maps'] as const;
export const mapKey = (id: string) => ['dualwrite', 'map', id] as const;
export const errorsKey = (id: string) => ['dualwrite', 'errors', id] as const;
export const recordsKey = (id: string) => ['dualwrite', 'records', id] as const;

export function useMaps() {
  return useQuery({ queryKey: mapsKey, queryFn: () => unwrap(api.GET('/api/dualwrite/maps')), refetchInterval: refreshMs });
}

export function useMap(id: string) {
  return useQuery({
    queryKey: mapKey(id),
    queryFn: () => unwrap(api.GET('/api/dualwrite/maps/{id}', { params: { path: { id } } })),
    refetchInterval: refreshMs,
  });
}

/** The field maps as the PATCH body wants them: the whole list, without `index` and `symbol`. */
export function toBody(fieldMaps: readonly FieldMapRow[]): FieldMapBody[] {
  return fieldMaps.map(({ index: _index, symbol: _symbol, ...rest }) => rest);
}
