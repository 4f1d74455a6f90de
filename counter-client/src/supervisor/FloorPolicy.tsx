// The queue policy call-next follows for priority (愛心) tickets: the wait after which one goes
// first, and every how many calls an ordinary counter takes one; each with what it does in a
// sentence that follows the field as it is typed. Saved with policy:update; call-next uses it at once.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeState } from '@jiaohao/shared/reducer';
import { useStore } from '@jiaohao/web';
import { everyNthSentence, POLICY_LIMITS, policyDraftOf, policyPatch, policyValue, thresholdSentence, type PolicyDraft, type PolicyField, type Sentence } from './model';
import { say } from './say';
import { FeedbackLines, useAction } from '../shell/useAction';

const SENTENCE: Record<PolicyField, (v: number | null) => Sentence | null> = {
  priorityMaxWaitMinutes: thresholdSentence,
  priorityEveryNth: everyNthSentence,
};

export function FloorPolicy({ office }: { office: OfficeState }) {
  const { t } = useTranslation();
  const store = useStore();
  const action = useAction();
  const live = office.policy;
  // Null while untouched: the form follows the live policy (another supervisor may change it).
  const [edited, setEdited] = useState<PolicyDraft | null>(null);
  const draft = edited ?? policyDraftOf(live);
  const patch = policyPatch(draft, live);
  const invalid = (Object.keys(POLICY_LIMITS) as PolicyField[]).some((f) => policyValue(f, draft[f]) === null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return action.fail(t('floor.policy.fixFirst'));
    if (!patch) return action.fail(t('floor.policy.unchanged'));
    const done = await action.run(() => store.send('policy:update', patch), () => t('floor.policy.saved'));
    if (done) setEdited(null);
  };

  return (
    <section aria-labelledby="floor-policy-title" className="floor-panel floor-policy">
      <h2 id="floor-policy-title">{t('floor.policy.heading')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <PolicyField field="priorityMaxWaitMinutes" label={t('floor.policy.threshold.label')} value={draft.priorityMaxWaitMinutes} onChange={(v) => setEdited({ ...draft, priorityMaxWaitMinutes: v })} />
        <PolicyField field="priorityEveryNth" label={t('floor.policy.everyNth.label')} value={draft.priorityEveryNth} onChange={(v) => setEdited({ ...draft, priorityEveryNth: v })} />
        <p className="floor-sub">{t('floor.policy.priorityCounters')}</p>
        <div className="buttons">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('floor.policy.save')}
          </button>
          <button type="button" disabled={edited === null} onClick={() => setEdited(null)}>
            {t('floor.policy.reset')}
          </button>
        </div>
      </form>
      <FeedbackLines feedback={action.feedback} />
    </section>
  );
}

function PolicyField({ field, label, value, onChange }: { field: PolicyField; label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { min, max } = POLICY_LIMITS[field];
  const parsed = policyValue(field, value);
  const sentence = SENTENCE[field](parsed);
  return (
    <div className="floor-policy-field">
      <label>
        {label}
        <input
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          aria-invalid={parsed === null ? true : undefined}
          aria-describedby={id}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <p id={id} className={parsed === null ? 'error floor-effect' : 'floor-effect'}>
        {sentence ? say(t, sentence) : t('floor.policy.range', { min, max })}
      </p>
    </div>
  );
}
