// The public waiting-count page's strings (/status), and the widget's (display/src/widget/), in
// Traditional Chinese and English. Plain objects, no i18n library: the widget runs on other sites
// without one. `{name}` marks a value filled in by view.ts (fill); a test checks both languages
// have every key with the same placeholders (STYLE.md habit 15).

export const STATUS_LANGUAGES = ['zh-TW', 'en'] as const;
export type StatusLanguage = (typeof STATUS_LANGUAGES)[number];

const ZH_TW = {
  'page.title': '即時候位人數',
  'page.docTitle': '即時候位人數 · {office}',
  'page.intro': '各項業務目前的等候人數、叫號與預估等候時間。',
  'page.noscript': '這個頁面不會自動更新：請重新整理以取得最新人數。',
  'page.feed': '開放資料（JSON）',
  'lang.switch': 'English',
  'lang.switchLabel': 'Read this page in English',

  'lines.heading': '各項業務',
  'lines.caption': '各項業務的等候人數、目前叫號、預估等候時間與是否開放取號',
  'lines.empty': '目前沒有開放的業務。',
  'col.service': '業務',
  'col.waiting': '等候人數',
  'col.nowServing': '目前叫號',
  'col.estimate': '預估等候',
  'col.issuing': '取號',
  'waiting.one': '{n} 人',
  'waiting.other': '{n} 人',
  'waiting.unit.one': '人',
  'waiting.unit.other': '人',
  'nowServing.none': '尚未叫號',
  'estimate.none': '暫無法預估',
  'estimate.short': '約 {max} 分鐘內',
  'estimate.range': '約 {min}–{max} 分鐘',
  'issuing.open': '開放取號',
  'issuing.closed': '暫停取號：{reason}',

  'reason.day_closed': '今日已停止取號',
  'reason.office_closed': '緊急停止上班',
  'reason.issuing_closed': '目前暫停取號',
  'reason.outside_session': '現在不是取號時間',
  'reason.capacity_reached': '今日號碼已發完',
  'reason.staff_shortage': '人力不足',
  'reason.system_issue': '系統維護中',
  'reason.closing_early': '提早結束受理',
  'reason.other': '請洽服務台',

  'opening.heading': '服務時間',
  'opening.openNow': '現在受理中',
  'opening.closedNow': '現在不受理',
  'opening.next': '下次受理：{when}',
  'opening.nextNone': '三週內沒有受理時段。',
  'opening.today': '今天 {date}',
  'opening.todayNone': '今天不受理',
  'opening.holiday': '今天是{name}，不受理。',
  'opening.makeUp': '今天是{name}，依{weekday}的時段受理。',
  'opening.week': '每週服務時間',
  'opening.weekClosed': '不受理',
  'opening.special': '近期休假與補班',
  'opening.specialClosed': '{date} {name}：不受理',
  'opening.specialOpen': '{date} {name}：補班，依{weekday}的時段受理',
  'opening.session': '{start}–{end}',
  'opening.sessionOnly': '{start}–{end}（限{services}）',
  'opening.listSeparator': '、',

  'weekday.0': '星期日',
  'weekday.1': '星期一',
  'weekday.2': '星期二',
  'weekday.3': '星期三',
  'weekday.4': '星期四',
  'weekday.5': '星期五',
  'weekday.6': '星期六',
  'date.short': '{month}月{day}日（{weekday}）',
  'date.time': '{date} {time}',

  'counters.heading': '櫃台',
  'counters.caption': '各櫃台目前服務的號碼',
  'col.counter': '櫃台',
  'col.counterStatus': '狀態',
  'counter.name': '{number} 號櫃台',
  'counter.open': '服務中',
  'counter.paused': '暫停服務',
  'counter.closed': '未開放',

  'announcements.heading': '公告',
  'closure.heading': '緊急停止上班',
  'closure.since': '自 {time} 起停止服務。',

  'office.address': '地址',
  'office.tel': '電話',

  'updated.at': '資料時間：{time}',
  'live.online': '即時更新中',
  'live.connecting': '正在連線…',
  'live.offline': '連線中斷',
  'live.lost': '與伺服器的連線中斷，以下是 {time} 的資料，可能不是最新的。正在重新連線…',

  'widget.more': '完整資訊與服務時間',
} as const;

export type StatusStringKey = keyof typeof ZH_TW;
export type StatusStrings = Readonly<Record<StatusStringKey, string>>;

const EN: StatusStrings = {
  'page.title': 'Live waiting count',
  'page.docTitle': 'Live waiting count · {office}',
  'page.intro': 'How many people wait for each service, the number now served and the expected wait.',
  'page.noscript': 'This page does not update by itself: reload it for the latest figures.',
  'page.feed': 'Open data (JSON)',
  'lang.switch': '中文',
  'lang.switchLabel': '以中文閱讀本頁',

  'lines.heading': 'Services',
  'lines.caption': 'For each service: people waiting, the number now served, the expected wait and whether numbers are issued',
  'lines.empty': 'No service is open.',
  'col.service': 'Service',
  'col.waiting': 'Waiting',
  'col.nowServing': 'Now serving',
  'col.estimate': 'Expected wait',
  'col.issuing': 'Numbers',
  'waiting.one': '{n} person',
  'waiting.other': '{n} people',
  'waiting.unit.one': 'person',
  'waiting.unit.other': 'people',
  'nowServing.none': 'None yet',
  'estimate.none': 'No estimate now',
  'estimate.short': 'under {max} min',
  'estimate.range': 'about {min}–{max} min',
  'issuing.open': 'Issuing numbers',
  'issuing.closed': 'Not issuing: {reason}',

  'reason.day_closed': 'no more numbers today',
  'reason.office_closed': 'the office is closed (emergency)',
  'reason.issuing_closed': 'issuing is paused',
  'reason.outside_session': 'outside opening hours',
  'reason.capacity_reached': "today's numbers are all taken",
  'reason.staff_shortage': 'not enough staff',
  'reason.system_issue': 'system maintenance',
  'reason.closing_early': 'closing early today',
  'reason.other': 'please ask at the information desk',

  'opening.heading': 'Opening hours',
  'opening.openNow': 'Open now',
  'opening.closedNow': 'Closed now',
  'opening.next': 'Opens next: {when}',
  'opening.nextNone': 'No opening in the next three weeks.',
  'opening.today': 'Today, {date}',
  'opening.todayNone': 'Closed today',
  'opening.holiday': 'Today is {name}: closed.',
  'opening.makeUp': 'Today is {name}: open with the hours of a {weekday}.',
  'opening.week': 'Every week',
  'opening.weekClosed': 'Closed',
  'opening.special': 'Holidays and make-up days ahead',
  'opening.specialClosed': '{date}, {name}: closed',
  'opening.specialOpen': '{date}, {name}: make-up day, hours of a {weekday}',
  'opening.session': '{start}–{end}',
  'opening.sessionOnly': '{start}–{end} (only {services})',
  'opening.listSeparator': ', ',

  'weekday.0': 'Sunday',
  'weekday.1': 'Monday',
  'weekday.2': 'Tuesday',
  'weekday.3': 'Wednesday',
  'weekday.4': 'Thursday',
  'weekday.5': 'Friday',
  'weekday.6': 'Saturday',
  'date.short': '{weekday} {day} {monthName}',
  'date.time': '{date}, {time}',

  'counters.heading': 'Counters',
  'counters.caption': 'The number each counter serves now',
  'col.counter': 'Counter',
  'col.counterStatus': 'Status',
  'counter.name': 'Counter {number}',
  'counter.open': 'Serving',
  'counter.paused': 'Paused',
  'counter.closed': 'Closed',

  'announcements.heading': 'Notices',
  'closure.heading': 'The office is closed',
  'closure.since': 'Closed since {time}.',

  'office.address': 'Address',
  'office.tel': 'Phone',

  'updated.at': 'As of {time}',
  'live.online': 'Live',
  'live.connecting': 'Connecting…',
  'live.offline': 'Offline',
  'live.lost': 'Connection to the server lost: these figures are from {time} and may be out of date. Reconnecting…',

  'widget.more': 'Details and opening hours',
};

/** English month names for 'date.short' ({monthName}); Chinese uses the number ({month}). */
export const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export const STATUS_STRINGS: Readonly<Record<StatusLanguage, StatusStrings>> = { 'zh-TW': ZH_TW, en: EN };
