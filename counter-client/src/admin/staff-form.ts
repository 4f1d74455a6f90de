// Staff accounts: the create form and its payload, where a refusal goes, and the list's order. Pure.
import { StaffCreate, type Role, type Staff } from '@jiaohao/shared/schemas';
import { Checker, type Mapped, type RefusalRules } from './forms';

export interface StaffForm {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export const newStaffForm = (): StaffForm => ({ username: '', displayName: '', role: 'clerk', password: '' });

const S = StaffCreate.properties;

export function toStaffCreate(form: StaffForm): Mapped<StaffCreate> {
  const c = new Checker();
  const username = c.text('/username', form.username, S.username);
  const displayName = c.text('/displayName', form.displayName, S.displayName);
  // A password is taken as typed: spaces are characters too.
  const password = checkPassword(c, form.password);
  return c.result(() => ({ username: username!, displayName: displayName!, role: form.role, password: password! }));
}

/** The password as typed, or null with a problem (the schema's length). */
export function checkPassword(c: Checker, password: string): string | null {
  const { minLength = 12, maxLength = 200 } = S.password;
  if (password.length === 0) c.add('/password', { key: 'admin.problem.required' });
  else if (password.length < minLength) c.add('/password', { key: 'admin.problem.tooShort', values: { min: minLength } });
  else if (password.length > maxLength) c.add('/password', { key: 'admin.problem.tooLong', values: { max: maxLength } });
  else return password;
  return null;
}

export const STAFF_REFUSALS: RefusalRules = {
  fields: ['/username', '/displayName', '/role', '/password'],
  // "Username mei is taken"
  conflictField: (message) => (/^username\b/i.test(message) ? '/username' : null),
};

/** Active accounts first, then by username. */
export const sortStaff = (list: readonly Staff[]): Staff[] =>
  [...list].sort((a, b) => Number(b.active) - Number(a.active) || a.username.localeCompare(b.username));
