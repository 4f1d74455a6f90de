import { STRINGS } from './strings';

/** The kiosk renderer (placeholder). */
export function App() {
  const { zh, en } = STRINGS;
  return (
    <main className="placeholder">
      <h1>
        <span lang={zh.lang}>{zh.headline}</span>
        <span lang={en.lang}>{en.headline}</span>
      </h1>
      <p lang={zh.lang}>{zh.about}</p>
      <p lang={en.lang}>{en.about}</p>
    </main>
  );
}
