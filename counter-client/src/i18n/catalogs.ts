// Every catalog the counter client uses, from shared/ (one module per view).
import { COUNTER_CLERK, COUNTER_COMMON } from '@jiaohao/shared/catalogs';
import { COUNTER_SUPERVISOR } from '@jiaohao/shared/catalogs';
import { COUNTER_ADMIN } from '@jiaohao/shared/catalogs';
import { COUNTER_AUDIT } from '@jiaohao/shared/catalogs';
import { COUNTER_REPORTS } from '@jiaohao/shared/catalogs';
import { COUNTER_BOOKINGS } from '@jiaohao/shared/catalogs';
import type { Catalogs } from '@jiaohao/shared/i18n';

export const COUNTER_CATALOGS: readonly Catalogs<string>[] = [COUNTER_COMMON, COUNTER_CLERK, COUNTER_SUPERVISOR, COUNTER_ADMIN, COUNTER_REPORTS, COUNTER_AUDIT, COUNTER_BOOKINGS];
