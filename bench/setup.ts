// The office every benchmark uses: two lines with six-digit ranges (1–999999) so a run never
// exhausts a series (the demo office has ~900 numbers per line), and N counters serving both.
import type { Office } from '@jiaohao/shared';
import type { OfficeSetup } from '@jiaohao/server';
import { TEST_OFFICE } from '@jiaohao/server/testing';

export const BENCH_SERVICE_IDS = ['svc-a', 'svc-b'] as const;
export const BENCH_RANGE = { start: 1, end: 999_999, digits: 6, prefix: '', onExhausted: 'refuse' as const };
export const TIME_ZONE = 'Asia/Taipei';
export const benchPrefix = (serviceIndex: number): string => (serviceIndex === 0 ? 'A' : 'B');

export const counterId = (i: number): string => `c${i + 1}`;

// The test office, always issuing so a kiosk can take tickets whatever the hour of the run.
const office: Office = {
  ...TEST_OFFICE,
  id: 'bench-office',
  names: { 'zh-TW': '效能測試戶政事務所', en: 'Benchmark Household Registration Office' },
  timeZone: TIME_ZONE,
  issuingMode: 'open',
};

export function benchSetup(counters: number): OfficeSetup {
  return {
    office,
    services: BENCH_SERVICE_IDS.map((id, i) => ({
      id,
      code: i === 0 ? 'A' : 'B',
      names: { 'zh-TW': `測試業務${i + 1}`, en: `Bench line ${i + 1}` },
      // A letter prefix per line: two lines may not print the same number.
      numbering: { ...BENCH_RANGE, prefix: benchPrefix(i) },
      targetWaitMinutes: 20,
      targetHandlingMinutes: 10,
      allowPriority: false,
      allowAppointment: false,
      sortOrder: i + 1,
    })),
    counters: Array.from({ length: counters }, (_, i) => ({
      id: counterId(i),
      number: i + 1,
      names: { 'zh-TW': `${i + 1}號櫃臺` },
      serviceIds: [...BENCH_SERVICE_IDS],
    })),
  };
}
