// Which lead view the Leads page opens on: the one in the address; else the view this user last chose (kept in this
// browser's localStorage under their user id: a convenience, not business data, so no table or route); else, on a
// first visit, "My open leads" when it has work, or "All Commerce B2B leads" when only that one has (new Commerce
// leads arrive unowned, so a new salesperson's own view starts empty).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { LeadView } from '../api/client.ts';
import { useMe } from '../hq/useMe.ts';
import { leadViews } from './labels.ts';

type View = NonNullable<LeadView>;
const storageKey = (userId: string) => `handshake.leads.view.${userId}`;
const isView = (value: string | null | undefined): value is View => leadViews.some((v) => v.value === value);

function remembered(userId: string | undefined): View | undefined {
  if (!userId) return undefined;
  try {
    const value = localStorage.getItem(storageKey(userId));
    return isView(value) ? value : undefined;
  } catch {
    return undefined; // storage blocked: every visit is a first one
  }
}

export function rememberLeadView(userId: string | undefined, view: View): void {
  if (!userId) return;
  try {
    localStorage.setItem(storageKey(userId), view);
  } catch {
    // storage blocked or full: the choice lasts as long as the address
  }
}

async function hasLeads(view: View): Promise<boolean> {
  return (await unwrap(api.GET('/api/sales/leads', { params: { query: { view, limit: 1, offset: 0 } } }))).total > 0;
}

/** The view to show, or undefined while it is being worked out. */
export function useLeadView(fromAddress: string): { view: View | undefined; userId: string | undefined } {
  const me = useMe();
  const userId = me.data?.user.id;
  const chosen = isView(fromAddress) ? fromAddress : remembered(userId);
  const firstVisit = useQuery({
    queryKey: ['sales', 'leads', 'first-view', userId],
    queryFn: async (): Promise<View> => ((await hasLeads('my-open-leads')) || !(await hasLeads('all-commerce-b2b-leads')) ? 'my-open-leads' : 'all-commerce-b2b-leads'),
    enabled: Boolean(userId) && !chosen,
    staleTime: Infinity,
  });
  if (chosen) return { view: chosen, userId };
  if (me.isError || firstVisit.isError) return { view: 'my-open-leads', userId };
  return { view: firstVisit.data, userId };
}
