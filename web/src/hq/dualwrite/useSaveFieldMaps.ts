// Saving a map's field maps: the whole list at once; the server validates the map as a whole and answers with it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { api, ApiError, unwrap } from '../../api/client.ts';
import { mapKey, mapsKey } from './api.ts';
import type { FieldMapBody, FieldMapRow, MapDetail } from './api.ts';

export function useSaveFieldMaps(map: MapDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fieldMaps: FieldMapBody[]) => unwrap(api.PATCH('/api/dualwrite/maps/{id}', { params: { path: { id: map.id } }, body: { fieldMaps } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(mapKey(map.id), saved);
      void queryClient.invalidateQueries({ queryKey: mapsKey });
    },
    onError: (error) => {
      // Someone else changed the map meanwhile: show theirs.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: mapKey(map.id) });
    },
  });
}

/** "email = email", "(none) >> source": how a field map is named in labels and messages (call it while rendering). */
export function fieldMapName(f: Pick<FieldMapRow, 'hqField' | 'crmField' | 'symbol'>): string {
  const none = i18next.t('hq:dualWrite.fieldMaps.noField');
  return `${f.hqField ?? none} ${f.symbol} ${f.crmField ?? none}`;
}
