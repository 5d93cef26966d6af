// How staff roles read in the back office.
import { staffRoles } from '../api/client.ts';
import type { StaffRole } from '../api/client.ts';

export const roleLabels: Record<StaffRole, string> = {
  administrator: 'Administrator',
  'hq-operations': 'HQ operations',
  salesperson: 'Salesperson',
  'sales-manager': 'Sales manager',
  'integration-administrator': 'Integration administrator',
};

export const roleOptions = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));

export function toRoles(values: string[]): StaffRole[] {
  return staffRoles.filter((role) => values.includes(role));
}
