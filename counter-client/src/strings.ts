// Placeholder text until the counter client's catalogs arrive (STYLE.md habit 15).
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';

export const STRINGS = {
  zh: {
    lang: LANGUAGE_TAGS['zh-TW'],
    headline: '櫃台叫號系統 — 即將推出',
    about: '櫃台人員將在這裡叫號、開始及完成服務；主管與管理員也將在這裡管理全所。',
  },
  en: {
    lang: LANGUAGE_TAGS.en,
    headline: 'Counter client — coming soon',
    about: 'Clerks will call, start and finish tickets here; supervisors and admins will run the office from here.',
  },
} as const;
