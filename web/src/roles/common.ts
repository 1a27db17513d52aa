import type { Schema } from '../api.ts';
import { table } from '../components.ts';
import { t, type MessageKey } from '../i18n.ts';

export const CLUB_KINDS = ['sports', 'culture', 'youth', 'social', 'other'] as const;
const KIND_KEYS: Record<string, MessageKey> = {
  sports: 'kindSports',
  culture: 'kindCulture',
  youth: 'kindYouth',
  social: 'kindSocial',
  other: 'kindOther',
};
const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'statusPending',
  approved: 'statusApproved',
  suspended: 'statusSuspended',
};
const ROLE_KEYS: Record<string, MessageKey> = {
  municipality_admin: 'roleNameMunicipalityAdmin',
  counter: 'roleNameCounter',
  club_admin: 'roleNameClubAdmin',
  door: 'roleNameDoor',
};
export const label = {
  kind: (k: string) => t(KIND_KEYS[k] ?? 'kindOther'),
  status: (s: string) => t(STATUS_KEYS[s] ?? 'statusPending'),
  role: (r: string) => t(ROLE_KEYS[r] ?? 'roleNameDoor'),
};

export type StaffMember = Schema<'StaffMember'>;

export function staffTable(items: StaffMember[]): HTMLTableElement {
  return table(
    t('staff'),
    [t('name'), t('email'), t('role')],
    items.map((s) => [
      s.displayName + (s.blocked ? ` (${t('blocked')})` : ''),
      s.email ?? '',
      label.role(s.role),
    ]),
  );
}
