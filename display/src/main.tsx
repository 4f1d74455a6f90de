import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { forgetToken, keepToken, namespaceSocket, takeToken } from '@jiaohao/web';
import { App } from './App';
import { createDisplayI18n } from './i18n/i18n';
import { createSoundOutput } from './wall/speech/output';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();
/** Where this browser keeps the display's device token. */
const TOKEN_KEY = 'jiaohao.display.token';
const pairing = takeToken(TOKEN_KEY, window.location, window.history, storage);
createRoot(container).render(
  <StrictMode>
    <App
      i18n={createDisplayI18n()}
      pairing={pairing}
      transport={(token) => namespaceSocket('display', { token })}
      output={createSoundOutput({ clipsBase: `${import.meta.env.BASE_URL}clips/` })}
      keep={(token) => keepToken(TOKEN_KEY, storage, token)}
      forget={() => forgetToken(TOKEN_KEY, storage)}
    />
  </StrictMode>,
);
