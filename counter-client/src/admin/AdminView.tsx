// The admin's settings (being built).
import type { Staff } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';

export function AdminView(_props: { staff: Staff; api: typeof Api }) {
  return null;
}
