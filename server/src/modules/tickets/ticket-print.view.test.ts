// The printed ticket's content, as plain data: what it says, in which languages, and where its QR
// code leads. No PDF here (ticket-print.routes.test.ts prints real ones).
import { describe, expect, it } from 'vitest';
import type { Office, Service, Ticket } from '@jiaohao/shared';
import { ticket } from '@jiaohao/shared/testing';
import { clip, MAX_DOCUMENTS, printedTime, ticketPrintView, type TicketPrintInput } from './ticket-print.view';

const OFFICE: Office = {
  id: 'north',
  names: { 'zh-TW': '臺中市北區戶政事務所', en: 'Taichung City North District Household Registration Office', vi: 'Văn phòng Quận Bắc' },
  address: '臺中市北區永興街301號',
  tel: '04-2236-1271',
  fax: '04-2236-2190',
  timeZone: 'Asia/Taipei',
  location: { lat: 24.16, lng: 120.68 },
  postalCode: '404',
  locality: '北區',
  region: '臺中市',
  issuingMode: 'open',
  sessions: [],
  specialDays: [],
};

const range = { start: 1001, end: 1899, digits: 4, prefix: '', onExhausted: 'refuse' as const };
const SERVICE: Service = {
  id: 'household',
  code: 'HR',
  names: { 'zh-TW': '戶籍登記', en: 'Household registration', vi: 'Đăng ký hộ tịch', th: 'ทะเบียนครัวเรือน' },
  numbering: range,
  priorityNumbering: null,
  appointmentNumbering: null,
  targetWaitMinutes: 20,
  targetHandlingMinutes: 10,
  documents: {
    'zh-TW': ['國民身分證正本', '印章（或簽名）', '戶口名簿'],
    vi: ['Thẻ căn cước (bản gốc)', 'Con dấu (hoặc chữ ký)', 'Sổ hộ khẩu'],
  },
  dailyCap: null,
  allowPriority: true,
  allowAppointment: false,
  active: true,
  sortOrder: 1,
};

const TICKET: Ticket = ticket({
  number: '1023',
  value: 1023,
  businessDate: '2026-12-02',
  // 09:15 in Taipei.
  issuedAt: '2026-12-02T01:15:42.000Z',
  queuedAt: '2026-12-02T01:15:42.000Z',
  estimateAtIssue: { min: 10, max: 15 },
});

const TOKEN = 'AbCd-EfGh_IjKlMnOpQrStUv';

function view(over: Partial<Omit<TicketPrintInput, 'ticket' | 'service'>> & { ticket?: Partial<Ticket>; service?: Partial<Service> } = {}) {
  const { ticket, service, ...rest } = over;
  return ticketPrintView({
    office: OFFICE,
    aheadAtIssue: 7,
    trackingToken: TOKEN,
    publicBaseUrl: 'https://queue.example.gov.tw',
    ...rest,
    ticket: { ...TICKET, ...ticket },
    service: { ...SERVICE, ...service },
  });
}

const texts = (list: readonly { text: string }[]) => list.map((t) => t.text);

describe('ticketPrintView', () => {
  it('a zh-TW ticket: the office in Chinese and English, the line, the number, and the figures at issue', () => {
    const v = view();
    expect(v.lang).toBe('zh-TW');
    expect(v.title).toBe('號碼牌 1023');
    expect(v.office).toEqual([
      { text: '臺中市北區戶政事務所', lang: 'zh-TW' },
      { text: 'Taichung City North District Household Registration Office', lang: 'en' },
    ]);
    expect(v.number).toBe('1023');
    expect(v.service).toEqual([{ text: '戶籍登記', lang: 'zh-TW' }]);
    expect(v.ticketClass).toEqual([]);
    expect(v.facts).toEqual([
      { text: '取號時間：2026-12-02 09:15', lang: 'zh-TW' },
      { text: '取號時前方等候：7 人', lang: 'zh-TW' },
      { text: '預估等候：約 10–15 分鐘', lang: 'zh-TW' },
    ]);
    expect(v.documents).toEqual({
      heading: [{ text: '請備妥以下文件', lang: 'zh-TW' }],
      lists: [{ lang: 'zh-TW', items: ['國民身分證正本', '印章（或簽名）', '戶口名簿'], more: null }],
    });
    expect(v.footer).toEqual({ text: '電話 04-2236-1271', lang: 'zh-TW' });
  });

  it('the QR code opens the e-ticket page under the public address: base + eTicketPath(token), nothing else', () => {
    expect(view().qr).toEqual({
      payload: `https://queue.example.gov.tw/t/${TOKEN}`,
      caption: { text: '掃描 QR 碼，用手機查看叫號進度', lang: 'zh-TW' },
    });
    expect(view({ publicBaseUrl: 'http://192.168.1.20:8080/' }).qr?.payload).toBe(`http://192.168.1.20:8080/t/${TOKEN}`);
    expect(view({ publicBaseUrl: 'https://www.example.gov.tw/queue' }).qr?.payload).toBe(`https://www.example.gov.tw/queue/t/${TOKEN}`);
    // A token is base64url; anything else would be escaped rather than change the path.
    expect(view({ trackingToken: 'a/b?c' }).qr?.payload).toBe('https://queue.example.gov.tw/t/a%2Fb%3Fc');
    expect(view().askForLink).toEqual([]);
  });

  it('without the tracking token: no QR code, and where to ask for the link, in Chinese and the resident’s language', () => {
    const zh = view({ trackingToken: null });
    expect(zh.qr).toBeNull();
    expect(zh.askForLink).toEqual([{ text: '如需用手機查看叫號進度，請洽服務台索取連結', lang: 'zh-TW' }]);
    const th = view({ trackingToken: null, ticket: { language: 'th' } });
    expect(th.askForLink).toEqual([
      { text: '如需用手機查看叫號進度，請洽服務台索取連結', lang: 'zh-TW' },
      { text: 'หากต้องการติดตามคิวทางโทรศัพท์มือถือ กรุณาขอลิงก์ได้ที่โต๊ะประชาสัมพันธ์', lang: 'th' },
    ]);
  });

  it('a Vietnamese resident: the line and the documents in Chinese and Vietnamese, the figures and the QR line in Vietnamese', () => {
    const v = view({ ticket: { language: 'vi', class: 'priority' } });
    expect(v.lang).toBe('vi');
    expect(v.service).toEqual([
      { text: '戶籍登記', lang: 'zh-TW' },
      { text: 'Đăng ký hộ tịch', lang: 'vi' },
    ]);
    expect(v.ticketClass).toEqual([
      { text: '愛心號（優先服務）', lang: 'zh-TW' },
      { text: 'Số ưu tiên', lang: 'vi' },
    ]);
    expect(texts(v.facts)).toEqual([
      'Thời gian lấy số: 2026-12-02 09:15',
      'Số người chờ trước bạn lúc lấy số: 7',
      'Thời gian chờ dự kiến: khoảng 10–15 phút',
    ]);
    expect(v.documents?.heading).toEqual([
      { text: '請備妥以下文件', lang: 'zh-TW' },
      { text: 'Xin vui lòng chuẩn bị sẵn các giấy tờ sau', lang: 'vi' },
    ]);
    expect(v.documents?.lists.map((l) => [l.lang, l.items])).toEqual([
      ['zh-TW', ['國民身分證正本', '印章（或簽名）', '戶口名簿']],
      ['vi', ['Thẻ căn cước (bản gốc)', 'Con dấu (hoặc chữ ký)', 'Sổ hộ khẩu']],
    ]);
    expect(v.qr?.caption).toEqual({ text: 'Quét mã QR để theo dõi số thứ tự trên điện thoại', lang: 'vi' });
    expect(v.footer).toEqual({ text: '電話 / Điện thoại 04-2236-1271', lang: 'vi' });
    // The office keeps its Chinese and English names: the slip is the office's, whoever reads it.
    expect(texts(v.office)).toEqual(['臺中市北區戶政事務所', 'Taichung City North District Household Registration Office']);
  });

  it('a language the line has no name or documents in shows the Chinese once, not twice', () => {
    const v = view({ ticket: { language: 'id' } });
    expect(v.service).toEqual([{ text: '戶籍登記', lang: 'zh-TW' }]);
    expect(v.documents?.lists.map((l) => l.lang)).toEqual(['zh-TW']);
    expect(v.documents?.heading.map((t) => t.lang)).toEqual(['zh-TW', 'id']);
    expect(v.facts[0]).toEqual({ text: 'Waktu pengambilan nomor: 2026-12-02 09:15', lang: 'id' });
  });

  it('says the wait as it was estimated at issue: a range, "under 5 min" when nobody waited, or that it was not known', () => {
    const wait = (estimateAtIssue: Ticket['estimateAtIssue'], language: Ticket['language'] = 'en') => view({ ticket: { estimateAtIssue, language } }).facts.at(-1)?.text;
    expect(wait({ min: 10, max: 15 })).toBe('Estimated wait: 10–15 min');
    expect(wait({ min: 0, max: 5 })).toBe('Estimated wait: under 5 min');
    expect(wait(null)).toBe('Estimated wait: not known yet');
    expect(wait({ min: 0, max: 5 }, 'zh-TW')).toBe('預估等候：5 分鐘以內');
    expect(wait({ min: 20, max: 30 }, 'th')).toBe('เวลารอโดยประมาณ: 20–30 นาที');
  });

  it('leaves out the people ahead for a ticket from before that was kept', () => {
    const v = view({ aheadAtIssue: null });
    expect(texts(v.facts)).toEqual(['取號時間：2026-12-02 09:15', '預估等候：約 10–15 分鐘']);
    expect(view({ aheadAtIssue: 0 }).facts[1]?.text).toBe('取號時前方等候：0 人');
  });

  it('prints at most six documents per language, counting the rest, and cuts a long one', () => {
    const many = Array.from({ length: 9 }, (_, i) => `文件${i + 1}`);
    const long = 'Foreign spouse: documents translated into Chinese and verified by a Taiwanese mission abroad, and a certificate of marital status';
    const v = view({ ticket: { language: 'en' }, service: { documents: { 'zh-TW': many, en: [long, '', 'Seal'] } } });
    const [zh, en] = v.documents?.lists ?? [];
    expect(zh?.items).toEqual(many.slice(0, MAX_DOCUMENTS));
    expect(zh?.more).toBe('…另有 3 項，請洽服務台');
    // Blank entries are untranslated rows, not documents.
    expect(en?.items).toHaveLength(2);
    expect(en?.items[0]).toMatch(/^Foreign spouse: documents translated into Chinese and verified by a Taiwanese\S*…$/);
    expect(en?.items[0]?.endsWith(' …')).toBe(false);
    expect(en?.more).toBeNull();
    expect(view({ service: { documents: { 'zh-TW': [] } } }).documents).toBeNull();
  });

  it('writes the issue time by hand in the office’s zone: no thin or narrow no-break space (tofu on paper, STACK-NOTES G14)', () => {
    expect(printedTime('2026-12-02T01:15:42.000Z', 'Asia/Taipei')).toBe('2026-12-02 09:15');
    expect(printedTime('2026-12-01T16:05:00.000Z', 'Asia/Taipei')).toBe('2026-12-02 00:05');
    expect(printedTime('2026-12-02T01:15:00.000Z', 'Asia/Bangkok')).toBe('2026-12-02 08:15');
    const all = JSON.stringify(view({ ticket: { language: 'th' } }));
    expect(all).not.toMatch(/[\u2009\u202f]/);
  });
});

describe('clip', () => {
  it('keeps a short text whole and cuts a long one at a word, with "…"', () => {
    expect(clip('National ID card (original)', 84, 'en')).toBe('National ID card (original)');
    expect(clip('one two three four five', 12, 'en')).toBe('one two…');
  });

  it('counts a Chinese character as two', () => {
    expect(clip('一二三四五六七八九十', 10, 'zh-TW')).toMatch(/^[一二三四五]+…$/);
    expect(clip('一二三四五六七八九十', 10, 'zh-TW').length).toBeLessThanOrEqual(6);
  });

  it('never separates a Thai vowel or tone mark from its letter', () => {
    const text = 'บัตรประชาชนฉบับจริงและสำเนาทะเบียนบ้านที่มีชื่อของผู้ยื่นคำร้อง';
    for (let max = 3; max < 40; max++) {
      const cut = clip(text, max, 'th');
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept), cut).toBe(true);
      // The character after the cut starts a new cluster: not a combining mark.
      expect(/^\p{M}/u.test(text.slice(kept.length)), cut).toBe(false);
    }
  });
});
