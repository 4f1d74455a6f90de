import { STATUS_STRINGS } from './strings';

/** The public waiting-count page (placeholder): points at the JSON feed that already exists. */
export function StatusApp() {
  const { zh, en, feed } = STATUS_STRINGS;
  return (
    <main className="placeholder">
      <h1>
        <span lang={zh.lang}>{zh.headline}</span>
        <span lang={en.lang}>{en.headline}</span>
      </h1>
      <p lang={zh.lang}>
        {zh.about} <a href={feed}>{feed}</a>
      </p>
      <p lang={en.lang}>
        {en.about} <a href={feed}>{feed}</a>
      </p>
    </main>
  );
}
