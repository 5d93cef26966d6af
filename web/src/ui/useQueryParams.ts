// List filters kept in the address bar, so a list can be bookmarked, shared and returned to.
import { useSearchParams } from 'react-router';

export function useQueryParams<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(defaults) as K[];
  const values = {} as Record<K, string>;
  for (const key of keys) values[key] = params.get(key) ?? defaults[key];

  function update(changes: Partial<Record<K, string>>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of Object.keys(changes) as K[]) {
          const value = changes[key];
          if (value === undefined || value === '' || value === defaults[key]) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  }

  return [values, update] as const;
}

/** A non-negative integer from a query parameter. */
export function toOffset(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
