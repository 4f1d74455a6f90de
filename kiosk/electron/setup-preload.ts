// The first-run setup page's bridge: load and save the settings, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { JiaohaoSetupApi, SetupSaveResult, SetupState, SetupValues } from './api';
import { CHANNELS } from './channels';

const api: JiaohaoSetupApi = {
  load(): Promise<SetupState> {
    return ipcRenderer.invoke(CHANNELS.setupLoad) as Promise<SetupState>;
  },
  save(values: SetupValues): Promise<SetupSaveResult> {
    return ipcRenderer.invoke(CHANNELS.setupSave, values) as Promise<SetupSaveResult>;
  },
};

contextBridge.exposeInMainWorld('jiaohaoSetup', api);
