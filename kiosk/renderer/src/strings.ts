// Placeholder text until the kiosk's catalogs (in all five kiosk languages) arrive (STYLE.md habit 15).
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';

export const STRINGS = {
  zh: {
    lang: LANGUAGE_TAGS['zh-TW'],
    headline: '取號機 — 即將推出',
    about: '民眾將在這裡選擇業務、取號，並看到前方等候人數與所需文件。',
  },
  en: {
    lang: LANGUAGE_TAGS.en,
    headline: 'Ticket kiosk — coming soon',
    about: 'Residents will pick a service and take a number here, and see how many wait ahead and which documents to bring.',
  },
} as const;
