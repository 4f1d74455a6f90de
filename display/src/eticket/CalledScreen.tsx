// "Your number is called: please go to counter 5", over the whole screen, in the language shown and
// in Chinese (what the counters and the wall say), until the resident closes it. A recall opens it
// again, marked as such.
import { useTranslation } from 'react-i18next';
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import { Dialog } from './Dialog';
import type { ETicketModel } from './model';

export interface CalledScreenProps {
  readonly model: ETicketModel;
  readonly lang: Language;
  readonly onClose: () => void;
  readonly fallbackFocus: () => HTMLElement | null;
}

export function CalledScreen({ model, lang, onClose, fallbackFocus }: CalledScreenProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.getFixedT('zh-TW');
  const counter = model.counter?.number ?? 0;
  const values = { number: model.number, counter };
  const alsoChinese = lang !== 'zh-TW';
  return (
    <Dialog role="alertdialog" className="et-called" labelledBy="et-called-title" describedBy="et-called-text" onClose={onClose} fallbackFocus={fallbackFocus}>
      {model.call?.recall ? <p className="et-called-recall">{t('eticket.called.recall')}</p> : null}
      <h2 id="et-called-title">
        <span lang={LANGUAGE_TAGS[lang]}>{t('eticket.called.title')}</span>
        {alsoChinese ? (
          <span className="et-called-zh" lang={LANGUAGE_TAGS['zh-TW']}>
            {zh('eticket.called.title')}
          </span>
        ) : null}
      </h2>
      <p className="et-called-number">{model.number}</p>
      <div id="et-called-text" className="et-called-text">
        <p lang={LANGUAGE_TAGS[lang]}>{t('eticket.called.text', values)}</p>
        {alsoChinese ? (
          <p className="et-called-zh" lang={LANGUAGE_TAGS['zh-TW']}>
            {zh('eticket.called.text', values)}
          </p>
        ) : null}
      </div>
      <p className="et-called-counter" aria-hidden="true">
        {counter}
      </p>
      {model.counter ? (
        <p className="et-called-name" lang={model.counter.name.lang}>
          {model.counter.name.text}
        </p>
      ) : null}
      <button type="button" className="et-button et-called-ok" data-autofocus onClick={onClose}>
        {t('eticket.called.ok')}
      </button>
    </Dialog>
  );
}
