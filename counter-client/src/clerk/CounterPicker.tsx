// Choosing the counter for the day; one another clerk holds is shown as taken.
import { useTranslation } from 'react-i18next';
import type { Language } from '@jiaohao/shared/schemas';
import type { OfficeState } from '@jiaohao/shared/reducer';
import { counterName } from './model';

export function CounterPicker({ office, me, names, onPick }: { office: OfficeState; me: string; names: Readonly<Record<string, string>>; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const counters = Object.values(office.counters)
    .filter((c) => c.active)
    .sort((a, b) => a.number - b.number);
  return (
    <section aria-labelledby="pick-title" className="picker">
      <h2 id="pick-title">{t('clerk.pick.label')}</h2>
      <p>{t('clerk.pick.help')}</p>
      <ul>
        {counters.map((c) => {
          const taken = c.staffId !== null && c.staffId !== me && c.status !== 'closed';
          const holder = c.staffId ? names[c.staffId] : undefined;
          return (
            <li key={c.id}>
              <button type="button" onClick={() => onPick(c.id)} aria-describedby={`pick-${c.id}`}>
                {counterName(c, lang)}
              </button>
              <span id={`pick-${c.id}`} className={taken ? 'taken' : undefined}>
                {taken ? (holder ? t('clerk.pick.takenBy', { name: holder }) : t('clerk.pick.taken')) : c.staffId === me && c.status !== 'closed' ? t('clerk.pick.mine') : t(`clerk.status.${c.status}`, { reason: '' })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
