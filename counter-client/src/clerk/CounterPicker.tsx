// Choosing the counter for the day; one another clerk holds is shown as taken.
import { useTranslation } from 'react-i18next';
import type { Language } from '@jiaohao/shared/schemas';
import { countersInOrder, type OfficeState } from '@jiaohao/shared/reducer';
import { counterName, type Me } from './model';
import { holderOf, isHeldByOther } from '@jiaohao/shared/rules';

export function CounterPicker({ office, me, names, onPick }: { office: OfficeState; me: Me; names: Readonly<Record<string, string>>; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const counters = countersInOrder(office.counters);
  return (
    <section aria-labelledby="pick-title" className="picker">
      <h2 id="pick-title">{t('clerk.pick.label')}</h2>
      <p>{t('clerk.pick.help')}</p>
      <ul>
        {counters.map((c) => {
          const taken = isHeldByOther(c, me);
          const holderId = holderOf(c);
          const holder = holderId ? names[holderId] : undefined;
          return (
            <li key={c.id}>
              <button type="button" onClick={() => onPick(c.id)} aria-describedby={`pick-${c.id}`}>
                {counterName(c, lang)}
              </button>
              <span id={`pick-${c.id}`} className={taken ? 'taken' : undefined}>
                {taken ? (holder ? t('clerk.pick.takenBy', { name: holder }) : t('clerk.pick.taken')) : holderId === me.id ? t('clerk.pick.mine') : t(`clerk.status.${c.status}`, { reason: '' })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
