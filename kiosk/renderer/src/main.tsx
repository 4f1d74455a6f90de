import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { forgetToken, keepToken, namespaceSocket, takeToken } from '@jiaohao/web';
import { App } from './App';
import { httpServerApi } from './kiosk/server-api';
import { browserCamera } from './kiosk/camera';
import { createKioskI18n } from './kiosk/i18n';
import { kioskShell } from './kiosk/shell';
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
/** Where this browser keeps the kiosk's device token. */
const TOKEN_KEY = 'jiaohao.kiosk.token';
createRoot(container).render(
  <StrictMode>
    <App
      i18n={createKioskI18n()}
      pairing={takeToken(TOKEN_KEY, window.location, window.history, storage)}
      transport={(token) => namespaceSocket('kiosk', { token })}
      api={(token) => httpServerApi(window.location.origin, token)}
      camera={browserCamera()}
      shell={kioskShell()}
      origin={window.location.origin}
      keep={(token) => keepToken(TOKEN_KEY, storage, token)}
      forget={() => forgetToken(TOKEN_KEY, storage)}
    />
  </StrictMode>,
);
