// Announcements on the wall displays, kiosks and public page: those shown now (withdraw one), and
// a form to post one in Traditional Chinese and optionally the other kiosk languages, until a time.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS, localized } from '@jiaohao/shared/i18n';
import { servicesInOrder, type OfficeState } from '@jiaohao/shared/reducer';
import type { Announcement, Language } from '@jiaohao/shared/schemas';
import { useStore } from '@jiaohao/web';
import { ANNOUNCEMENT_LANGUAGES, ANNOUNCEMENT_MAX_DAYS, announcementPayload, clockText, defaultAnnouncementEnd, shownAnnouncements, type AnnouncementDraft } from './model';
import { FeedbackLines, useAction } from '../shell/useAction';

const EMPTY_TEXTS: Record<Language, string> = { 'zh-TW': '', en: '', vi: '', id: '', th: '' };

export function Announcements({ office, now }: { office: OfficeState; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const action = useAction();
  const [draft, setDraft] = useState<AnnouncementDraft>(() => ({ texts: EMPTY_TEXTS, serviceIds: [], endsAt: defaultAnnouncementEnd(office, Date.now()) }));
  const shown = shownAnnouncements(office, now);
  const services = servicesInOrder(office.services);
  const { timeZone } = office.office;

  const setText = (l: Language, text: string) => setDraft({ ...draft, texts: { ...draft.texts, [l]: text } });
  const toggleLine = (id: string, on: boolean) =>
    setDraft({ ...draft, serviceIds: on ? [...draft.serviceIds, id] : draft.serviceIds.filter((s) => s !== id) });
  const linesOf = (a: Announcement) =>
    a.serviceIds === null ? t('floor.announce.allLines') : a.serviceIds.map((id) => (office.services[id] ? localized(office.services[id].names, lang) : id)).join('、');

  const post = async (e: FormEvent) => {
    e.preventDefault();
    const checked = announcementPayload(draft, timeZone, Date.now());
    if (!checked.ok) return action.fail(checked.problems.map((p) => t(`floor.announce.problem.${p}`, { days: ANNOUNCEMENT_MAX_DAYS })).join(' '));
    const done = await action.run(
      () => store.send('announcement:post', checked.payload),
      (a) => t('floor.announce.posted', { time: clockText(Date.parse(a.endsAt), timeZone, office.businessDate) }),
    );
    if (done) setDraft({ texts: EMPTY_TEXTS, serviceIds: [], endsAt: draft.endsAt });
  };
  const withdraw = (a: Announcement) =>
    void action.run(
      () => store.send('announcement:withdraw', { announcementId: a.id }),
      () => t('floor.announce.withdrawn', { text: a.texts['zh-TW'] }),
    );

  return (
    <section aria-labelledby="floor-announce-title" className="floor-panel floor-announce">
      <h2 id="floor-announce-title">{t('floor.announce.heading')}</h2>
      <h3>{t('floor.announce.shown', { count: shown.length })}</h3>
      {shown.length === 0 ? (
        <p>{t('floor.announce.none')}</p>
      ) : (
        <ul className="floor-announcements">
          {shown.map((a) => (
            <li key={a.id}>
              <p lang={LANGUAGE_TAGS['zh-TW']} className="floor-announcement-text">
                {a.texts['zh-TW']}
              </p>
              {ANNOUNCEMENT_LANGUAGES.filter((l) => l !== 'zh-TW' && a.texts[l]).map((l) => (
                <p key={l} lang={LANGUAGE_TAGS[l]} className="floor-sub">
                  {a.texts[l]}
                </p>
              ))}
              <p className="floor-sub">
                {t('floor.announce.until', { time: clockText(Date.parse(a.endsAt), timeZone, office.businessDate) })} · {linesOf(a)}
              </p>
              <button type="button" disabled={action.busy} aria-label={t('floor.announce.withdrawNamed', { text: a.texts['zh-TW'] })} onClick={() => withdraw(a)}>
                {t('floor.announce.withdraw')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={(e) => void post(e)} noValidate aria-labelledby="floor-announce-new">
        <h3 id="floor-announce-new">{t('floor.announce.new')}</h3>
        <label>
          {t('floor.announce.textZh')}
          <textarea lang={LANGUAGE_TAGS['zh-TW']} value={draft.texts['zh-TW']} maxLength={200} rows={2} required aria-required="true" onChange={(e) => setText('zh-TW', e.target.value)} />
        </label>
        <details className="floor-more">
          <summary>{t('floor.announce.otherLanguages')}</summary>
          {ANNOUNCEMENT_LANGUAGES.filter((l) => l !== 'zh-TW').map((l) => (
            <label key={l}>
              {t('floor.announce.textIn', { language: LANGUAGE_NAMES[l] })}
              <textarea lang={LANGUAGE_TAGS[l]} value={draft.texts[l]} maxLength={200} rows={2} onChange={(e) => setText(l, e.target.value)} />
            </label>
          ))}
        </details>
        <fieldset className="floor-choices is-grid">
          <legend>{t('floor.announce.lines')}</legend>
          {services.map((s) => (
            <label key={s.id} className="check">
              <input type="checkbox" checked={draft.serviceIds.includes(s.id)} onChange={(e) => toggleLine(s.id, e.target.checked)} />
              {localized(s.names, lang)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('floor.announce.endsAt')}
          <input type="datetime-local" value={draft.endsAt} required aria-required="true" onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={action.busy}>
          {t('floor.announce.post')}
        </button>
      </form>
      <FeedbackLines feedback={action.feedback} />
    </section>
  );
}
