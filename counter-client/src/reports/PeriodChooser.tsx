// Choosing the period: a day, a month or a range of dates. A range that cannot be asked for (the
// last date before the first, longer than a report may be, a date missing) is refused beside the
// fields before anything is sent.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, periodRange, problemSentence, type DateRange, type PeriodInput, type RangeProblem } from './model';

const PROBLEM_ID = 'reports-period-problem';

/** The fields a problem concerns (marked invalid and pointed at the sentence). */
function concerns(problem: RangeProblem | null, field: 'date' | 'month' | 'from' | 'to'): boolean {
  if (!problem) return false;
  if (problem.kind === 'missing') return problem.field === field;
  return field === 'from' || field === 'to';
}

export function PeriodChooser({ initial, busy, onChoose }: { initial: PeriodInput; busy: boolean; onChoose: (range: DateRange) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState(initial);
  const [problem, setProblem] = useState<RangeProblem | null>(null);
  const set = (patch: Partial<PeriodInput>) => {
    setInput((i) => ({ ...i, ...patch }));
    setProblem(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = periodRange(input);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    onChoose(result.range);
  };
  const field = (name: 'date' | 'month' | 'from' | 'to', type: 'date' | 'month') => (
    <label>
      {t(`reports.field.${name}`)}
      <input
        type={type}
        name={name}
        value={input[name]}
        onChange={(e) => set({ [name]: e.target.value })}
        aria-invalid={concerns(problem, name) || undefined}
        aria-describedby={concerns(problem, name) ? PROBLEM_ID : undefined}
      />
    </label>
  );
  const sentence = problem && problemSentence(problem);
  return (
    <form className="reports-period" onSubmit={submit} noValidate>
      <fieldset className="reports-kinds">
        <legend>{t('reports.period.legend')}</legend>
        {PERIOD_KINDS.map((kind) => (
          <label key={kind} className="check">
            <input type="radio" name="kind" value={kind} checked={input.kind === kind} onChange={() => set({ kind })} />
            {t(`reports.period.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="reports-fields">
        {input.kind === 'day' && field('date', 'date')}
        {input.kind === 'month' && field('month', 'month')}
        {input.kind === 'range' && (
          <>
            {field('from', 'date')}
            {field('to', 'date')}
          </>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('reports.show')}
        </button>
      </div>
      <div role="alert" id={PROBLEM_ID}>
        {sentence && <p className="error">{t(sentence.key, sentence.values)}</p>}
      </div>
    </form>
  );
}
