// The setup page's script (dist/setup.js).
import type { JiaohaoSetupApi } from '../api';
import { initSetupPage } from './page';

declare global {
  interface Window {
    jiaohaoSetup?: JiaohaoSetupApi;
  }
}

void initSetupPage(document, window.jiaohaoSetup);
