// Where the printed ticket's text goes, with made-up font measurements (real ones: the route test
// prints PDFs): which font each run of script gets, where lines may break, that nothing leaves the
// 80 mm paper and that the page is as tall as what is on it.
import { describe, expect, it } from 'vitest';
import type { Language } from '@jiaohao/shared';
import { breakPieces, CONTENT_WIDTH, faceRuns, layoutTicket, MARGIN, PAGE_WIDTH, QR_SIZE, type Face, type Metrics } from './ticket-print.layout';
import type { TicketPrintView } from './ticket-print.view';

const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const THAI = /\p{Script=Thai}/u;

/** Wide characters 1 em, Thai letters 0.6, marks 0, the rest 0.5; each face has only its scripts (TC has Latin too). */
const FAKE: Metrics = {
  width: (text, _font, size) => [...text].reduce((w, c) => w + (HAN.test(c) ? 1 : /\p{M}/u.test(c) ? 0 : THAI.test(c) ? 0.6 : 0.5), 0) * size,
  ascent: (f) => (f.face === 'thai' ? 1.2 : 1.1),
  descent: () => 0.3,
  covers: (c, face) => (face === 'thai' ? THAI.test(c) || /[\s\d.:()-]/.test(c) : face === 'sans' ? !HAN.test(c) && !THAI.test(c) : !THAI.test(c)),
};
const covers: Metrics['covers'] = FAKE.covers;

const runs = (text: string, lang: Language) => faceRuns(text, lang, covers).map((r) => `${r.face}:${r.text}`);

describe('faceRuns', () => {
  it('sets Chinese in TC, Thai in the Thai face, and other text in the language’s own face', () => {
    expect(runs('戶籍登記', 'zh-TW')).toEqual(['tc:戶籍登記']);
    // TC has Latin and Vietnamese too: a Chinese-language line never switches font for them.
    expect(runs('電話 04-2236-1271', 'zh-TW')).toEqual(['tc:電話 04-2236-1271']);
    expect(runs('Household register (戶口名簿)', 'en')).toEqual(['sans:Household register (', 'tc:戶口名簿)']);
    expect(runs('電話 / Điện thoại 04-2236-1271', 'vi')).toEqual(['tc:電話 / ', 'sans:Điện thoại 04-2236-1271']);
    expect(runs('เวลารอโดยประมาณ: 10–15 นาที', 'th')).toEqual(['thai:เวลารอโดยประมาณ: ', 'sans:10–15 ', 'thai:นาที']);
  });

  it('takes a character the chosen face lacks from one that has it (a full-width comma in English text)', () => {
    expect(runs('Seal，ID', 'en')).toEqual(['sans:Seal', 'tc:，', 'sans:ID']);
    // The en dash after Thai letters is not in the (fake) Thai face.
    expect(runs('ก–ข', 'th')).toEqual(['thai:ก', 'sans:–', 'thai:ข']);
  });
});

describe('breakPieces', () => {
  const pieces = (text: string, lang: Language) => breakPieces(text, lang).map((p) => p.space + p.text);

  it('breaks Latin text at spaces only, keeping "NT$1,300" and "(original)" whole', () => {
    expect(pieces('Fee NT$1,300 (original)', 'en')).toEqual(['Fee', ' NT$1,300', ' (original)']);
    expect(pieces('Thời gian chờ: 10–15 phút', 'vi')).toEqual(['Thời', ' gian', ' chờ:', ' 10–15', ' phút']);
  });

  it('may break Chinese between words, never before a closing mark or after an opening one', () => {
    const p = pieces('印章（或簽名），戶口名簿', 'zh-TW');
    expect(p.join('')).toBe('印章（或簽名），戶口名簿');
    expect(p.length).toBeGreaterThan(2);
    for (const piece of p) {
      expect(piece, 'a piece starting with a closing mark').not.toMatch(/^[），。）]/u);
      expect(piece, 'a piece ending with an opening mark').not.toMatch(/（$/u);
    }
  });

  it('keeps a Thai phrase together, knowing its words (Thai spaces phrases, not words)', () => {
    const [phrase, ...rest] = breakPieces('สแกนคิวอาร์โค้ดเพื่อติดตามคิวของคุณ ทางโทรศัพท์มือถือ', 'th');
    expect(phrase?.text).toBe('สแกนคิวอาร์โค้ดเพื่อติดตามคิวของคุณ');
    expect(phrase?.words?.join('')).toBe(phrase?.text);
    expect(phrase?.words?.length).toBeGreaterThan(3);
    for (const word of phrase?.words ?? []) expect(/^\p{M}/u.test(word), word).toBe(false);
    expect(rest.map((p) => p.space + p.text)).toEqual([' ทางโทรศัพท์มือถือ']);
  });
});

describe('wrapping Thai', () => {
  const lines = (text: string) => {
    const only = { ...VIEW_BASE, office: [], service: [], facts: [{ text, lang: 'th' as const }], documents: null, qr: null, askForLink: [], footer: null };
    const layout = layoutTicket(only, FAKE);
    const sized = layout.runs.filter((r) => r.size === 9);
    const byLine = new Map<number, string>();
    for (const r of sized) byLine.set(r.baseline, (byLine.get(r.baseline) ?? '') + r.text);
    return [...byLine.values()];
  };

  it('breaks a line at the space between two phrases rather than inside one', () => {
    // Each phrase fits a line (0.6 em a letter at 9 pt: about 37 letters), the two together do not.
    const first = 'หากต้องการติดตามคิวทางโทรศัพท์มือถือ';
    const second = 'กรุณาขอลิงก์ได้ที่โต๊ะประชาสัมพันธ์';
    expect(lines(`${first} ${second}`)).toEqual([first, second]);
  });

  it('breaks a phrase longer than a line between its words, never inside one', () => {
    const long = 'บัตรประชาชนฉบับจริงและสำเนาทะเบียนบ้านที่มีชื่อของผู้ยื่นคำร้องพร้อมรูปถ่ายสองใบ';
    const got = lines(long);
    expect(got.length).toBeGreaterThan(1);
    expect(got.join('')).toBe(long);
    const words = breakPieces(long, 'th')[0]?.words ?? [];
    // Every line ends where a word ends.
    let at = 0;
    const ends = new Set(words.map((w) => (at += w.length)));
    let done = 0;
    for (const line of got.slice(0, -1)) expect(ends.has((done += line.length)), line).toBe(true);
  });
});

const VIEW_BASE: TicketPrintView = {
  lang: 'th',
  title: '號碼牌 1023',
  issuedAt: '2026-12-02T01:15:00.000Z',
  office: [
    { text: '臺中市北區戶政事務所', lang: 'zh-TW' },
    { text: 'Taichung City North District Household Registration Office', lang: 'en' },
  ],
  number: '1023',
  service: [
    { text: '戶籍登記', lang: 'zh-TW' },
    { text: 'ทะเบียนครัวเรือน', lang: 'th' },
  ],
  ticketClass: [],
  facts: [
    { text: 'เวลารับบัตรคิว: 2026-12-02 09:15', lang: 'th' },
    { text: 'จำนวนผู้รอก่อนหน้าคุณ ขณะรับบัตรคิว: 7 คน', lang: 'th' },
  ],
  documents: {
    heading: [{ text: '請備妥以下文件', lang: 'zh-TW' }],
    lists: [
      { lang: 'zh-TW', items: ['國民身分證正本', '外籍配偶：經我國駐外館處驗證之中譯本文件及婚姻狀況證明，以及雙方最近2年內拍攝之證件照片'], more: '…另有 3 項，請洽服務台' },
      { lang: 'th', items: ['บัตรประชาชนฉบับจริงและสำเนาทะเบียนบ้านที่มีชื่อของผู้ยื่นคำร้องพร้อมรูปถ่ายสองใบ'], more: null },
    ],
  },
  qr: { payload: 'https://queue.example.gov.tw/t/abc', caption: { text: 'สแกนคิวอาร์โค้ด เพื่อติดตามคิวของคุณ ทางโทรศัพท์มือถือ', lang: 'th' } },
  askForLink: [],
  footer: { text: '電話 / โทร. 04-2236-1271', lang: 'th' },
};
const VIEW = VIEW_BASE;

const right = (r: { text: string; size: number; x: number; face: Face }) => r.x + FAKE.width(r.text, { face: r.face, bold: false }, r.size);

describe('layoutTicket', () => {
  const layout = layoutTicket(VIEW, FAKE);

  it('is 80 mm wide and keeps every run inside the margins', () => {
    expect(layout.width).toBeCloseTo(226.77, 1);
    expect(MARGIN).toBeCloseTo(11.34, 1);
    for (const r of layout.runs) {
      expect(r.x, r.text).toBeGreaterThanOrEqual(MARGIN - 0.01);
      expect(right(r), r.text).toBeLessThanOrEqual(PAGE_WIDTH - MARGIN + 0.01);
    }
  });

  it('puts every piece of text on the page once, in order, wrapped lines included', () => {
    const printed = layout.runs.map((r) => r.text).join('');
    const expected = [
      ...VIEW.office.map((t) => t.text),
      ...VIEW.service.map((t) => t.text),
      VIEW.number,
      ...VIEW.facts.map((t) => t.text),
      ...(VIEW.documents?.heading.map((t) => t.text) ?? []),
      ...(VIEW.documents?.lists.flatMap((l) => [...l.items.map((i) => `•${i}`), ...(l.more ? [l.more] : [])]) ?? []),
      VIEW.qr?.caption.text ?? '',
      VIEW.footer?.text ?? '',
    ];
    // Lines break at spaces (dropped there) or between words.
    expect(printed.replace(/\s/g, '')).toBe(expected.join('').replace(/\s/g, ''));
  });

  it('makes the page as tall as its content, top to bottom without overlap', () => {
    const baselines = layout.runs.map((r) => r.baseline);
    const last = Math.max(...baselines);
    expect(layout.height).toBeGreaterThan(last);
    expect(layout.height).toBeLessThan(last + 25);
    // Lines only go down the page (runs of one line share a baseline).
    for (let i = 1; i < baselines.length; i++) expect(baselines[i]!).toBeGreaterThanOrEqual(baselines[i - 1]!);
    expect(layout.qr).toEqual({ x: (PAGE_WIDTH - QR_SIZE) / 2, y: expect.any(Number), size: QR_SIZE, payload: 'https://queue.example.gov.tw/t/abc' });
    const qr = layout.qr!;
    const caption = layout.runs.find((r) => r.text.startsWith('สแกน'))!;
    expect(caption.baseline).toBeGreaterThan(qr.y + qr.size);
    const above = layout.runs.filter((r) => r.baseline < qr.y);
    expect(above.length).toBeGreaterThan(5);
    expect(layout.rules.every((y) => y > MARGIN && y < layout.height - MARGIN)).toBe(true);
  });

  it('prints the number as large as fits: 72 pt for four digits, smaller for a longer one', () => {
    const size = (number: string) => layoutTicket({ ...VIEW, number }, FAKE).runs.find((r) => r.text === number)!.size;
    expect(size('1023')).toBe(72);
    expect(size('AB123456')).toBeLessThan(72);
    expect(size('AB123456') * 8 * 0.5).toBeCloseTo(CONTENT_WIDTH, 1);
  });

  it('hangs a wrapped document under its first line, beside the bullet', () => {
    const bullets = layout.runs.filter((r) => r.text === '•');
    expect(bullets.length).toBe(3);
    const item = layout.runs.filter((r) => r.face === 'tc' && r.size === 8 && r.x > MARGIN);
    const xs = new Set(item.filter((r) => r.text.length > 3).map((r) => r.x.toFixed(2)));
    // Every line of a list item starts at the same indent.
    expect(xs.size).toBe(1);
  });

  it('balances a centred heading over its lines rather than leaving one word alone', () => {
    const english = layout.runs.filter((r) => r.face === 'sans' && r.size === 7.5 && /Office|Taichung/.test(r.text));
    expect(english.length).toBe(2);
    const [first, second] = english.map((r) => r.text.length);
    expect(Math.abs(first! - second!)).toBeLessThan(15);
  });

  it('without a QR code, says where to ask instead; a longer ticket is a taller page', () => {
    const noQr = layoutTicket({ ...VIEW, qr: null, askForLink: [{ text: '如需用手機查看叫號進度，請洽服務台索取連結', lang: 'zh-TW' }] }, FAKE);
    expect(noQr.qr).toBeNull();
    expect(noQr.runs.some((r) => r.text.includes('服務台'))).toBe(true);
    expect(noQr.height).toBeLessThan(layout.height);
    const noDocuments = layoutTicket({ ...VIEW, documents: null }, FAKE);
    expect(noDocuments.height).toBeLessThan(layout.height);
  });
});
