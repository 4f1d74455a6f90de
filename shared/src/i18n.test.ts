import { describe, expect, it } from 'vitest';
import { LANGUAGES, type LocalizedList, type LocalizedText } from './domain.schemas';
import { FALLBACK_LANGUAGE, LANGUAGE_NAMES, LANGUAGE_TAGS, defineCatalogs, localized, missingKeys } from './i18n';

describe('languages', () => {
  it('names and tags every kiosk language, in LANGUAGES order', () => {
    expect(Object.keys(LANGUAGE_NAMES)).toEqual([...LANGUAGES]);
    expect(Object.keys(LANGUAGE_TAGS)).toEqual([...LANGUAGES]);
    expect(FALLBACK_LANGUAGE).toBe(LANGUAGES[0]);
  });

  it('names each language in that language', () => {
    expect(LANGUAGE_NAMES).toEqual({
      'zh-TW': '繁體中文',
      en: 'English',
      vi: 'Tiếng Việt',
      id: 'Bahasa Indonesia',
      th: 'ไทย',
    });
  });

  it('gives canonical BCP 47 tags that Intl resolves to the right language and script', () => {
    expect(LANGUAGE_TAGS).toEqual({ 'zh-TW': 'zh-Hant-TW', en: 'en', vi: 'vi', id: 'id', th: 'th' });
    for (const tag of Object.values(LANGUAGE_TAGS)) expect(Intl.getCanonicalLocales(tag)).toEqual([tag]);
    const zh = new Intl.Locale(LANGUAGE_TAGS['zh-TW']);
    expect([zh.language, zh.script, zh.region]).toEqual(['zh', 'Hant', 'TW']);
    // A wrong tag would fall back to the default locale here instead of naming the language.
    expect(new Intl.DisplayNames([LANGUAGE_TAGS.vi], { type: 'language' }).of('vi')).toBe('Tiếng Việt');
  });
});

describe('localized', () => {
  const names: LocalizedText = { 'zh-TW': '戶籍登記', en: 'Household registration', vi: '' };
  const documents: LocalizedList = { 'zh-TW': ['身分證', '印章'], en: ['ID card', 'Seal'], th: [] };

  it('gives the text in the asked language when it is there', () => {
    expect(localized(names, 'en')).toBe('Household registration');
    expect(localized(names, 'zh-TW')).toBe('戶籍登記');
    expect(localized(documents, 'en')).toEqual(['ID card', 'Seal']);
  });

  it('falls back to zh-TW when the language is missing or empty', () => {
    expect(localized(names, 'id')).toBe('戶籍登記'); // absent
    expect(localized(names, 'vi')).toBe('戶籍登記'); // empty string: untranslated
    expect(localized(documents, 'vi')).toEqual(['身分證', '印章']); // absent
    expect(localized(documents, 'th')).toEqual(['身分證', '印章']); // empty list: untranslated
  });
});

describe('defineCatalogs', () => {
  const kiosk = defineCatalogs({
    'zh-TW': { take: '抽號碼牌', ahead: '前方等候人數', priority: '愛心櫃臺' },
    en: { take: 'Take a number', ahead: 'People ahead', priority: 'Priority counter' },
    vi: { take: 'Lấy số', ahead: '' },
    id: {},
    th: { take: 'รับบัตรคิว' },
  });

  it('gives the string in the asked language, else the zh-TW one', () => {
    expect(kiosk.t('en', 'take')).toBe('Take a number');
    expect(kiosk.t('vi', 'take')).toBe('Lấy số');
    expect(kiosk.t('vi', 'priority')).toBe('愛心櫃臺'); // absent
    expect(kiosk.t('vi', 'ahead')).toBe('前方等候人數'); // empty
    expect(kiosk.t('id', 'take')).toBe('抽號碼牌');
    expect(kiosk.t('zh-TW', 'ahead')).toBe('前方等候人數');
    expect(kiosk.keys).toEqual(['take', 'ahead', 'priority']);
  });

  it('lists every lang:key a catalog lacks, in language then key order', () => {
    const expected = ['vi:ahead', 'vi:priority', 'id:take', 'id:ahead', 'id:priority', 'th:ahead', 'th:priority'];
    expect(missingKeys(kiosk)).toEqual(expected);
    expect(missingKeys(kiosk.catalogs)).toEqual(expected);
  });

  it('lists nothing when every catalog is complete', () => {
    const full = { 'zh-TW': { ok: '確定' }, en: { ok: 'OK' }, vi: { ok: 'Đồng ý' }, id: { ok: 'Oke' }, th: { ok: 'ตกลง' } };
    expect(missingKeys(defineCatalogs(full))).toEqual([]);
    expect(missingKeys({ ...full, th: {} })).toEqual(['th:ok']);
  });

  it('is typed by the zh-TW keys (checked by tsc -b)', () => {
    // @ts-expect-error: no such key in zh-TW
    expect(kiosk.t('en', 'tak')).toBe('tak');
    defineCatalogs({
      'zh-TW': { ok: '確定' },
      // @ts-expect-error: a key the zh-TW catalog does not have
      en: { okay: 'OK' },
      vi: {},
      id: {},
      th: {},
    });
    // @ts-expect-error: every language needs a catalog, even an empty one
    defineCatalogs({ 'zh-TW': { ok: '確定' }, en: {}, vi: {}, id: {} });
  });
});
