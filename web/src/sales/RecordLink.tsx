// A link to a CRM record that names what it opens ("Account: Contoso Ltd"), not "Open the account".
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { fullName } from '../ui/format.ts';

type Kind = 'account' | 'contact' | 'lead' | 'opportunity';

async function nameOf(kind: Kind, id: string): Promise<string> {
  const path = { params: { path: { id } } };
  switch (kind) {
    case 'account':
      return (await unwrap(api.GET('/api/sales/accounts/{id}', path))).name;
    case 'contact': {
      const contact = await unwrap(api.GET('/api/sales/contacts/{id}', path));
      return fullName({ firstName: contact.firstName ?? undefined, lastName: contact.lastName });
    }
    case 'lead':
      return (await unwrap(api.GET('/api/sales/leads/{id}', path))).topic;
    case 'opportunity':
      return (await unwrap(api.GET('/api/sales/opportunities/{id}', path))).name;
  }
}

export function CrmRecordLink({ kind, id }: { kind: Kind; id: string }) {
  const name = useQuery({ queryKey: ['sales', 'record-name', kind, id], queryFn: () => nameOf(kind, id), staleTime: 60_000 });
  const { t } = useTranslation('sales');
  const plural = kind === 'opportunity' ? 'opportunities' : `${kind}s`;
  return <AppLink to={`/sales/${plural}/${id}`}>{t('recordLink', { kind: t(`recordKinds.${kind}`), name: name.data ?? '…' })}</AppLink>;
}
