// How staff roles read in the back office (hq's roles.*, looked up when rendered: the language can change).
import i18next from 'i18next';
import { staffRoles } from '../api/client.ts';
import type { StaffRole } from '../api/client.ts';

const roleKeys: Record<StaffRole, string> = {
  administrator: 'roles.administrator',
  'hq-operations': 'roles.hqOperations',
  salesperson: 'roles.salesperson',
  'sales-manager': 'roles.salesManager',
  'integration-administrator': 'roles.integrationAdministrator',
};

export function roleLabel(role: StaffRole): string {
  return i18next.t(roleKeys[role], { ns: 'hq' });
}

export function roleOptions(): { value: StaffRole; label: string }[] {
  return staffRoles.map((role) => ({ value: role, label: roleLabel(role) }));
}

export function toRoles(values: string[]): StaffRole[] {
  return staffRoles.filter((role) => values.includes(role));
}
