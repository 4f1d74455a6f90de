// The public status page's placeholder text, until its issue moves it into the catalogs (STYLE.md habit 15).
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';

export const STATUS_STRINGS = {
  feed: '/api/v1/public/status',
  zh: {
    lang: LANGUAGE_TAGS['zh-TW'],
    headline: '即時候位人數 — 即將推出',
    about: '本所各項業務的等候人數與目前叫號將在這裡公布。現在可先讀取 JSON 資料：',
  },
  en: {
    lang: LANGUAGE_TAGS.en,
    headline: 'Live waiting count — coming soon',
    about: "The office's waiting count and the numbers now served, per service, will be shown here. Meanwhile, read the JSON feed:",
  },
} as const;
