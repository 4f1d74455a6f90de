// The demo office: Taichung North District household registration office (臺中市北區戶政事務所).
// Service lines, counters and sessions follow the public facts in shared/reference/office-facts.md;
// the contact details, number ranges, targets and document lists are demo content an office replaces.
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings, type CounterCreate, type Office, type OpeningSession, type ServiceCreate, type SpecialDay } from '@jiaohao/shared';

const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAY: OpeningSession[] = WEEKDAYS.flatMap((weekday) => [
  { weekday, start: '08:00', end: '12:00', kind: 'regular' as const, serviceIds: null },
  // 中午彈性上班: the noon break is covered by flexible shifts.
  { weekday, start: '12:00', end: '13:30', kind: 'noon' as const, serviceIds: null },
  { weekday, start: '13:30', end: '17:30', kind: 'regular' as const, serviceIds: null },
]);

const closed = (date: string, zh: string, en: string): SpecialDay => ({ date, kind: 'closed', name: { 'zh-TW': zh, en } });

/**
 * National holidays (國定假日) from December 2026, by the 紀念日及節日實施條例: a holiday on a
 * Saturday is taken the Friday before, on a Sunday the Monday after (the observed days below).
 * Left out until the DGPA's 2027 office calendar (116年政府行政機關辦公日曆表) is checked: the lunar
 * holidays (春節 and 除夕 with the day before, 端午, 中秋), 兒童節 and 清明 (4/4–4/5, which fall on
 * a Sunday and a Monday and have their own rule), 勞動節 (a Saturday), and any make-up working day.
 */
const HOLIDAYS: SpecialDay[] = [
  closed('2026-12-25', '行憲紀念日', 'Constitution Day'),
  closed('2027-01-01', '中華民國開國紀念日（元旦）', "New Year's Day"),
  closed('2027-03-01', '和平紀念日補假', 'Peace Memorial Day (observed)'),
  closed('2027-09-28', '孔子誕辰紀念日（教師節）', "Confucius' Birthday (Teachers' Day)"),
  closed('2027-10-11', '國慶日補假', 'National Day (observed)'),
  closed('2027-10-25', '臺灣光復暨金門古寧頭大捷紀念日', 'Taiwan Retrocession and Guningtou Victory Day'),
  closed('2027-12-24', '行憲紀念日補假', 'Constitution Day (observed)'),
];

export const DEMO_OFFICE: Office = {
  id: 'taichung-north',
  names: {
    'zh-TW': '臺中市北區戶政事務所',
    en: 'Taichung City North District Household Registration Office',
    vi: 'Văn phòng Đăng ký Hộ khẩu Quận Bắc, Đài Trung',
    id: 'Kantor Registrasi Rumah Tangga Distrik Utara Taichung',
    th: 'สำนักงานทะเบียนครัวเรือนเขตเหนือ ไถจง',
  },
  address: '臺中市北區永興街301號',
  tel: '04-2236-1271',
  fax: '04-2236-2190',
  timeZone: 'Asia/Taipei',
  location: { lat: 24.1569, lng: 120.6826 },
  postalCode: '404',
  locality: '北區',
  region: '臺中市',
  // Open at all hours so the demo can be tried at any time; an office sets "schedule".
  issuingMode: 'open',
  sessions: [
    ...ALL_DAY,
    // 夜間延長: one evening a week the counters stay open until 18:30 (demo: Wednesday).
    { weekday: 3, start: '17:30', end: '18:30', kind: 'evening', serviceIds: null },
    // Saturday sessions for bookings and marriage registration on chosen days.
    { weekday: 6, start: '08:00', end: '12:00', kind: 'weekend', serviceIds: ['marriage', 'appointment'] },
  ],
  specialDays: HOLIDAYS,
};

const range = (start: number, end: number) => ({ start, end, digits: 4, prefix: '', onExhausted: 'refuse' as const });

const ID_AND_REGISTER = {
  'zh-TW': ['國民身分證正本', '印章（或簽名）', '戶口名簿'],
  en: ['National ID card (original)', 'Seal (or signature)', 'Household register (戶口名簿)'],
  vi: ['Thẻ căn cước (bản gốc)', 'Con dấu (hoặc chữ ký)', 'Sổ hộ khẩu'],
  id: ['KTP Taiwan (asli)', 'Stempel (atau tanda tangan)', 'Buku registrasi rumah tangga'],
  th: ['บัตรประชาชน (ฉบับจริง)', 'ตราประทับ (หรือลายมือชื่อ)', 'ทะเบียนบ้าน'],
};

export const DEMO_SERVICES: ServiceCreate[] = [
  {
    id: 'household',
    code: 'HR',
    names: { 'zh-TW': '戶籍登記', en: 'Household registration', vi: 'Đăng ký hộ tịch', id: 'Registrasi rumah tangga', th: 'ทะเบียนครัวเรือน' },
    summary: { 'zh-TW': '出生、遷入、遷出、住址變更等戶籍登記', en: 'Births, moving in or out, address changes', vi: 'Khai sinh, chuyển đến, chuyển đi, đổi địa chỉ', id: 'Kelahiran, pindah masuk atau keluar, ganti alamat', th: 'แจ้งเกิด ย้ายเข้า ย้ายออก เปลี่ยนที่อยู่' },
    icon: 'household',
    numbering: range(1001, 1899),
    priorityNumbering: range(1901, 1999),
    targetWaitMinutes: 20,
    targetHandlingMinutes: 12,
    documents: ID_AND_REGISTER,
    allowPriority: true,
    allowAppointment: false,
    sortOrder: 1,
  },
  {
    id: 'idcard',
    code: 'ID',
    names: { 'zh-TW': '身分證、印鑑', en: 'ID card and seal', vi: 'Thẻ căn cước và con dấu', id: 'KTP dan stempel', th: 'บัตรประชาชนและตราประทับ' },
    summary: { 'zh-TW': '初領、補領、換領身分證，印鑑登記與證明', en: 'New, lost or replacement ID cards; seal registration', vi: 'Cấp mới, cấp lại thẻ căn cước; đăng ký con dấu', id: 'KTP baru, hilang atau ganti; registrasi stempel', th: 'ทำบัตรประชาชนใหม่ ทำแทนบัตรหาย จดทะเบียนตราประทับ' },
    icon: 'id-card',
    numbering: range(2001, 2899),
    priorityNumbering: range(2901, 2999),
    targetWaitMinutes: 20,
    targetHandlingMinutes: 10,
    documents: {
      'zh-TW': ['戶口名簿或國民身分證', '最近2年內拍攝之彩色證件照片1張', '印章（印鑑登記）', '規費新臺幣200元（換補發身分證）'],
      en: ['Household register or national ID card', 'One colour ID photo taken within 2 years', 'Seal (for seal registration)', 'Fee NT$200 (new or replacement ID card)'],
    },
    allowPriority: true,
    allowAppointment: false,
    sortOrder: 2,
  },
  {
    id: 'certificate',
    code: 'CD',
    names: { 'zh-TW': '自然人憑證', en: 'Citizen digital certificate', vi: 'Chứng thư số công dân', id: 'Sertifikat digital warga', th: 'ใบรับรองดิจิทัลพลเมือง' },
    summary: { 'zh-TW': '申請或更新自然人憑證', en: 'Apply for or renew a citizen digital certificate', vi: 'Xin cấp hoặc gia hạn chứng thư số công dân', id: 'Ajukan atau perbarui sertifikat digital warga', th: 'ขอหรือต่ออายุใบรับรองดิจิทัลพลเมือง' },
    icon: 'certificate',
    numbering: range(3001, 3899),
    priorityNumbering: range(3901, 3999),
    targetWaitMinutes: 15,
    targetHandlingMinutes: 8,
    documents: {
      'zh-TW': ['國民身分證正本', '規費新臺幣250元（首次申請免費）'],
      en: ['National ID card (original)', 'Fee NT$250 (first application free)'],
    },
    allowPriority: true,
    allowAppointment: false,
    sortOrder: 3,
  },
  {
    id: 'passport',
    code: 'PP',
    names: { 'zh-TW': '護照一站式', en: 'Passport one-stop service', vi: 'Hộ chiếu một cửa', id: 'Layanan paspor satu atap', th: 'บริการหนังสือเดินทางจุดเดียว' },
    summary: { 'zh-TW': '首次申請護照的人別確認', en: 'Identity check for a first passport', vi: 'Xác nhận danh tính khi xin hộ chiếu lần đầu', id: 'Verifikasi identitas untuk paspor pertama', th: 'ยืนยันตัวตนสำหรับหนังสือเดินทางเล่มแรก' },
    icon: 'passport',
    numbering: range(4001, 4899),
    priorityNumbering: range(4901, 4999),
    targetWaitMinutes: 20,
    targetHandlingMinutes: 10,
    documents: {
      'zh-TW': ['國民身分證正本', '最近6個月內拍攝之護照規格照片2張', '舊護照（換發時）', '護照規費新臺幣1,300元'],
      en: ['National ID card (original)', 'Two passport photos taken within 6 months', 'Old passport (for renewal)', 'Passport fee NT$1,300'],
    },
    allowPriority: true,
    allowAppointment: false,
    sortOrder: 4,
  },
  {
    id: 'marriage',
    code: 'MR',
    names: { 'zh-TW': '結婚登記', en: 'Marriage registration', vi: 'Đăng ký kết hôn', id: 'Pencatatan pernikahan', th: 'จดทะเบียนสมรส' },
    summary: { 'zh-TW': '結婚、離婚登記（雙方本人到場）', en: 'Marriage and divorce registration (both in person)', vi: 'Đăng ký kết hôn, ly hôn (cả hai người có mặt)', id: 'Pencatatan nikah dan cerai (keduanya hadir)', th: 'จดทะเบียนสมรสและหย่า (ทั้งสองฝ่ายมาด้วยตนเอง)' },
    icon: 'marriage',
    numbering: range(5001, 5899),
    priorityNumbering: range(5901, 5999),
    targetWaitMinutes: 25,
    targetHandlingMinutes: 20,
    documents: {
      'zh-TW': [
        '結婚書約（二人以上證人簽名或蓋章）',
        '雙方戶口名簿',
        '雙方國民身分證正本及印章（或簽名）',
        '雙方最近2年內拍攝之證件照片各1張及換證規費',
        '外籍配偶：經我國駐外館處驗證之中譯本文件及婚姻狀況證明',
      ],
      en: [
        'Marriage agreement signed or sealed by at least two witnesses',
        "Both parties' household registers",
        "Both parties' original national ID cards and seals (or signatures)",
        'One ID photo of each party taken within 2 years, and the fee for new ID cards',
        'Foreign spouse: documents translated into Chinese and verified by a Taiwanese mission abroad, and a certificate of marital status',
      ],
    },
    allowPriority: true,
    allowAppointment: true,
    sortOrder: 5,
  },
  {
    id: 'appointment',
    code: 'AP',
    names: { 'zh-TW': '預約服務', en: 'Appointments', vi: 'Lịch hẹn', id: 'Janji temu', th: 'นัดหมาย' },
    summary: { 'zh-TW': '已在網路或電話預約的民眾', en: 'If you booked online or by phone', vi: 'Dành cho người đã đặt lịch qua mạng hoặc điện thoại', id: 'Bagi yang sudah membuat janji lewat internet atau telepon', th: 'สำหรับผู้ที่นัดหมายทางออนไลน์หรือโทรศัพท์ไว้แล้ว' },
    icon: 'appointment',
    numbering: range(6001, 6899),
    appointmentNumbering: range(6901, 6999),
    targetWaitMinutes: 10,
    targetHandlingMinutes: 15,
    documents: { 'zh-TW': ['預約編號', '國民身分證正本'], en: ['Booking number', 'National ID card (original)'] },
    allowPriority: false,
    allowAppointment: true,
    sortOrder: 6,
  },
  {
    id: 'transcript',
    code: 'TR',
    names: { 'zh-TW': '戶籍謄本', en: 'Household transcripts', vi: 'Bản sao hộ tịch', id: 'Salinan registrasi rumah tangga', th: 'สำเนาทะเบียนครัวเรือน' },
    summary: { 'zh-TW': '申請戶籍謄本', en: 'Copies of household records', vi: 'Xin bản sao hộ tịch', id: 'Salinan catatan registrasi rumah tangga', th: 'ขอสำเนาทะเบียนครัวเรือน' },
    icon: 'transcript',
    numbering: range(7001, 7899),
    priorityNumbering: range(7901, 7999),
    targetWaitMinutes: 10,
    targetHandlingMinutes: 4,
    documents: {
      'zh-TW': ['國民身分證正本', '規費每張新臺幣15元'],
      en: ['National ID card (original)', 'Fee NT$15 per copy'],
    },
    allowPriority: true,
    allowAppointment: false,
    sortOrder: 7,
  },
];

const EVERY_LINE = ['household', 'idcard', 'certificate', 'passport', 'marriage', 'appointment', 'transcript'];

const general = (n: number): CounterCreate => ({
  id: `counter-${n}`,
  number: n,
  names: { 'zh-TW': `${n}號櫃臺`, en: `Counter ${n}` },
  serviceIds: EVERY_LINE,
});

export const DEMO_COUNTERS: CounterCreate[] = [
  {
    id: 'counter-1',
    number: 1,
    names: { 'zh-TW': '1號 愛心櫃臺', en: 'Counter 1 (priority)' },
    serviceIds: EVERY_LINE,
    isPriority: true,
  },
  general(2),
  general(3),
  general(4),
  general(5),
  general(6),
  {
    id: 'counter-7',
    number: 7,
    names: { 'zh-TW': '7號 英語服務櫃臺', en: 'Counter 7 (English service)' },
    serviceIds: EVERY_LINE,
    languages: ['zh-TW', 'en'],
  },
  {
    id: 'counter-8',
    number: 8,
    names: { 'zh-TW': '8號 憑證護照櫃臺', en: 'Counter 8 (certificates, passports)' },
    serviceIds: ['certificate', 'passport', 'transcript'],
  },
];

/**
 * Bookings (網路預約) for 預約服務 and 結婚登記, with the Ministry's defaults otherwise: marriage
 * registration 30 days ahead (couples choose a date), and both on Saturday's weekend session.
 */
export const DEMO_BOOKING: BookingSettings = {
  ...DEFAULT_BOOKING_SETTINGS,
  lines: [
    { serviceId: 'appointment', maxDaysAhead: null, capacityPerSlot: null },
    { serviceId: 'marriage', maxDaysAhead: 30, capacityPerSlot: null },
  ],
};
