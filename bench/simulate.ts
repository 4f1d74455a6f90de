// npm run simulate: the busy Monday through the real engine, then per line how well the wait range
// given at issue held (coverage, width, error) beside the actual waits, and how the waits move with
// the queue policy. Prints figures; passes or fails nothing. Options: --seed N, --no-policies.
import { DEFAULT_POLICY, type QueuePolicy } from '@jiaohao/shared';
import { busyMonday, simulateDay, type DayResult, type LineResult } from './simulator';

const args = process.argv.slice(2);
const seedArg = args.indexOf('--seed');
const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : undefined;
const plan = busyMonday(seed === undefined ? {} : { seed });

const f1 = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

function lineRow(l: LineResult): string {
  return (
    `${l.serviceId.padEnd(12)} coverage ${pct(l.coverage).padStart(4)}  mean width ${f1(l.meanWidth).padStart(5)} min  mean wait ${f1(l.meanWait).padStart(5)} min` +
    `  p90 wait ${f1(l.p90Wait).padStart(5)} min  MAE ${f1(l.mae).padStart(4)} min  (${l.called}/${l.issued} called)` +
    `   plain: coverage ${pct(l.plainCoverage)}, mean width ${f1(l.plainWidth)} min`
  );
}

const started = Date.now();
const day: DayResult = await simulateDay(plan);
console.log(`Busy Monday (seed ${plan.seed}): ${day.tickets.length} tickets, ${day.commands} commands through the engine in ${((Date.now() - started) / 1000).toFixed(1)} s; event log ${day.logIntact ? 'intact' : 'BROKEN'}`);
console.log('Estimate at issue against the actual wait, per line:');
for (const l of day.lines) console.log(`  ${lineRow(l)}`);
console.log(`  ${lineRow(day.all)}`);
const widthShare = day.all.meanWidth !== null && day.all.meanWait ? day.all.meanWidth / day.all.meanWait : null;
console.log(`  all lines: mean width / mean wait = ${widthShare === null ? '—' : widthShare.toFixed(2)} (goal ≤ 0.50), coverage ${pct(day.all.coverage)} (goal ≥ 80%)`);

if (!args.includes('--no-policies')) {
  console.log('\nWaits under other queue policies (same residents), minutes: mean / p90 per class');
  const variants: { label: string; policy: Partial<QueuePolicy>; appointmentShare?: number }[] = [
    { label: `default (priority after ${DEFAULT_POLICY.priorityMaxWaitMinutes} min, every ${DEFAULT_POLICY.priorityEveryNth}rd call)`, policy: {} },
    { label: 'priority after 5 min', policy: { priorityMaxWaitMinutes: 5 } },
    { label: 'priority after 20 min', policy: { priorityMaxWaitMinutes: 20 } },
    { label: 'every 2nd call', policy: { priorityEveryNth: 2 } },
    { label: 'never by count (every-Nth off)', policy: { priorityEveryNth: 0 } },
    { label: '10% of household/ID residents booked', policy: {}, appointmentShare: 0.1 },
    { label: '25% booked', policy: {}, appointmentShare: 0.25 },
  ];
  for (const v of variants) {
    const r = await simulateDay(busyMonday({ ...(seed === undefined ? {} : { seed }), appointmentShare: v.appointmentShare ?? 0 }), v.policy);
    const c = (k: string) => {
      const x = r.byClass[k];
      return !x || x.count === 0 ? '—' : `${f1(x.mean)} / ${f1(x.p90)} (${x.count})`;
    };
    console.log(`  ${v.label.padEnd(52)} normal ${c('normal').padEnd(20)} priority ${c('priority').padEnd(18)} booked ${c('appointment').padEnd(16)} coverage ${pct(r.all.coverage)}`);
  }
}
