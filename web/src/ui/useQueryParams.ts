// List filters kept in the address bar, so a list can be bookmarked, shared and returned to.
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

export function useQueryParams<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(defaults) as K[];
  const values = {} as Record<K, string>;
  for (const key of keys) values[key] = params.get(key) ?? defaults[key];

  // The router applies an address change a moment later and hands an updater the params of the last render, so two
  // changes in quick succession (one filter, then another) lost the first: build on the newest change not yet shown.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    if (pending.current?.toString() === params.toString()) pending.current = null;
  }, [params]);

  function update(changes: Partial<Record<K, string>>) {
    const next = new URLSearchParams(pending.current ?? params);
    for (const key of Object.keys(changes) as K[]) {
      const value = changes[key];
      if (value === undefined || value === '' || value === defaults[key]) next.delete(key);
      else next.set(key, value);
    }
    pending.current = next;
    setParams(next, { replace: true });
  }

  return [values, update] as const;
}

/** A non-negative integer from a query parameter. */
export function toOffset(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
