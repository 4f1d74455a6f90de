// The wall: drawn from wallModel (STYLE.md habit 14); it keeps the last known state on screen when
// the connection drops, under a banner that says the numbers may be old.
import { useEffect, useState, type CSSProperties } from 'react';
import type { OfficeState } from '@jiaohao/shared/reducer';
import { LANGUAGE_TAGS, localized } from '@jiaohao/shared/i18n';
import type { Announcement, DisplaySettings, Language, LocalizedText } from '@jiaohao/shared/schemas';
import { Both } from '../shell/Both';
import { TAG, useBoth } from '../i18n/i18n';
import { wallModel, zoneOf, type CallView, type OfficeStanding, type WallModel } from './model';

export interface WallProps {
  readonly office: OfficeState;
  readonly settings: DisplaySettings;
  /** The server's time now. */
  readonly now: number;
  readonly stale: boolean;
  readonly soundBlocked: boolean;
  readonly onStartSound: () => void;
}

/** Landscape or portrait: as set, or from the screen's shape. */
export function useLayout(orientation: DisplaySettings['orientation']): 'landscape' | 'portrait' {
  const shape = (): 'landscape' | 'portrait' => (window.innerHeight > window.innerWidth ? 'portrait' : 'landscape');
  const [auto, setAuto] = useState(shape);
  useEffect(() => {
    const onResize = () => setAuto(shape());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return orientation === 'auto' ? auto : orientation;
}

export function WallView({ office, settings, now, stale, soundBlocked, onStartSound }: WallProps) {
  const model = wallModel(office, zoneOf(settings), now);
  const layout = useLayout(settings.orientation);
  return (
    <div className={`wall wall-${layout}`} data-layout={layout}>
      <WallHeader model={model} now={now} />
      {stale && (
        <div className="banner banner-stale" role="alert">
          <Both k="wall.stale" />
        </div>
      )}
      {!stale && soundBlocked && settings.volume > 0 && (
        <div className="banner banner-sound" role="status">
          <Both k="wall.sound.blocked" />
          <button type="button" className="start-sound" onClick={onStartSound}>
            <Both k="setup.start" />
          </button>
        </div>
      )}
      <main className="wall-main" aria-busy={stale}>
        <Latest call={model.latest} highlight={model.highlight} />
        <History calls={model.history} />
        <Lines model={model} />
      </main>
      <Ticker announcements={model.announcements} />
    </div>
  );
}

function WallHeader({ model, now }: { model: WallModel; now: number }) {
  const date = new Date(now);
  const zhDate = new Intl.DateTimeFormat(TAG['zh-TW'], { timeZone: model.timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(date);
  const enDate = new Intl.DateTimeFormat(TAG.en, { timeZone: model.timeZone, month: 'short', day: 'numeric', weekday: 'short' }).format(date);
  const time = new Intl.DateTimeFormat(TAG['zh-TW'], { timeZone: model.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return (
    <header className="wall-header">
      <h1 className="office">
        <span lang={TAG['zh-TW']} className="zh">
          {model.officeNames['zh-TW']}
        </span>
        {model.officeNames.en && (
          <span lang={TAG.en} className="en">
            {model.officeNames.en}
          </span>
        )}
      </h1>
      <Standing standing={model.standing} />
      <p className="when">
        <span className="date">
          <span lang={TAG['zh-TW']}>{zhDate}</span>
          <span lang={TAG.en} className="en">
            {enDate}
          </span>
        </span>
        <time className="clock" dateTime={date.toISOString()}>
          {time}
        </time>
      </p>
    </header>
  );
}

function Standing({ standing }: { standing: OfficeStanding }) {
  const { zh, en } = useBoth();
  const text = (t: typeof zh, lang: Language) => {
    switch (standing.kind) {
      case 'open':
        return t(`wall.state.${standing.session}`);
      case 'closure':
        return t('wall.state.closure', { reason: localized(standing.reason, lang) });
      case 'stopped':
        return t('wall.state.stopped', { reason: t(`wall.stop.${standing.reason}`) });
      case 'issuingClosed':
        return t('wall.state.issuingClosed');
      case 'dayClosed':
        return t('wall.state.dayClosed');
      case 'outside':
        return t('wall.state.outside');
    }
  };
  return (
    <p className={`standing standing-${standing.kind}`}>
      <span lang={TAG['zh-TW']} className="zh">
        {text(zh, 'zh-TW')}
      </span>
      <span lang={TAG.en} className="en">
        {text(en, 'en')}
      </span>
    </p>
  );
}

const names = (text: LocalizedText | null, lang: Language) => (text ? localized(text, lang) : '');

function Latest({ call, highlight }: { call: CallView | null; highlight: boolean }) {
  return (
    <section className={`latest${highlight ? ' latest-new' : ''}`} aria-labelledby="latest-title">
      <h2 id="latest-title">
        <Both k="wall.latest" />
        {call?.recall && <Both k="wall.recall" className="recall" />}
      </h2>
      {call ? (
        // Keyed by the call, so a recall (a new call) starts the highlight over.
        <div key={call.key} className="latest-call">
          <p className="latest-number">{call.number}</p>
          <p className="latest-arrow" aria-hidden="true">
            →
          </p>
          <div className="latest-counter">
            <Both k="wall.counterLabel" values={{ counter: call.counterNumber }} className="counter-number" />
            {call.counterNames && <CounterName names={call.counterNames} />}
          </div>
        </div>
      ) : (
        <Both k="wall.history.empty" as="p" className="empty" />
      )}
    </section>
  );
}

function CounterName({ names: text }: { names: LocalizedText }) {
  return (
    <p className="counter-name">
      <span lang={TAG['zh-TW']}>{text['zh-TW']}</span>
      {text.en && text.en !== text['zh-TW'] && (
        <span lang={TAG.en} className="en">
          {text.en}
        </span>
      )}
    </p>
  );
}

function History({ calls }: { calls: readonly CallView[] }) {
  const { zh, en } = useBoth();
  // Nothing before the newest call: a dash, not a sentence the newest call's box already says.
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">
        <Both k="wall.history" />
      </h2>
      {calls.length === 0 ? (
        <p className="empty" aria-hidden="true">
          {zh('wall.none')}
        </p>
      ) : (
        <ol className="history-list">
          {calls.map((c) => (
            <li key={c.key}>
              <span className="history-number">{c.number}</span>
              <span className="history-counter">
                <span lang={TAG['zh-TW']}>{zh('wall.counterLabel', { counter: c.counterNumber })}</span>
                <span lang={TAG.en} className="en">
                  {en('wall.counterLabel', { counter: c.counterNumber })}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Lines({ model }: { model: WallModel }) {
  const { zh, en } = useBoth();
  return (
    <section className="lines" aria-labelledby="lines-title">
      <h2 id="lines-title">
        <Both k="wall.lines" />
      </h2>
      {/* The rows shrink to the room left (a banner above takes some): every line stays on the wall. */}
      <div className="lines-fit" style={{ '--rows': model.lines.length } as CSSProperties}>
      <table className="lines-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">
                <Both k="wall.lines" />
              </span>
            </th>
            <th scope="col">
              <Both k="wall.nowServing" />
            </th>
            <th scope="col">
              <Both k="wall.waiting" />
            </th>
          </tr>
        </thead>
        <tbody>
          {model.lines.map((line) => (
            <tr key={line.id} className={line.issuing.open ? undefined : 'line-stopped'}>
              <th scope="row">
                <span lang={TAG['zh-TW']} className="zh">
                  {names(line.names, 'zh-TW')}
                </span>
                <span lang={TAG.en} className="en">
                  {names(line.names, 'en')}
                </span>
                {!line.issuing.open && <Both k="wall.line.stopped" className="line-flag" />}
              </th>
              <td className="line-serving">{line.nowServing ?? zh('wall.none')}</td>
              <td className="line-waiting">
                <span lang={TAG['zh-TW']}>{zh('wall.people', { count: line.waiting })}</span>
                <span className="visually-hidden" lang={TAG.en}>
                  {en('wall.people', { count: line.waiting })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}

/** The announcements, each in every language it was written in, scrolling unless motion is reduced. */
function Ticker({ announcements }: { announcements: readonly Announcement[] }) {
  if (announcements.length === 0) return null;
  const items = announcements.flatMap((a) =>
    (Object.entries(a.texts) as [Language, string | undefined][])
      .filter(([, text]) => text)
      .map(([lang, text]) => ({ key: `${a.id}-${lang}`, lang, text: text! })),
  );
  return (
    <aside className="ticker" aria-labelledby="ticker-title">
      <h2 id="ticker-title" className="ticker-title">
        <Both k="wall.announcements" />
      </h2>
      <div className="ticker-window">
        <ul className={`ticker-track${items.length > 1 ? ' ticker-moving' : ''}`}>
          {items.map((i) => (
            <li key={i.key} lang={LANGUAGE_TAGS[i.lang]}>
              {i.text}
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
