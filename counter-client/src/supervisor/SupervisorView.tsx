// The supervisor's floor view (being built).
import type { Staff } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';

export function SupervisorView(_props: { staff: Staff; api: typeof Api }) {
  return null;
}
