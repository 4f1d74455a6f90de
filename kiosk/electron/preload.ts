// The kiosk page's only way into the shell: two named functions on window.jiaohaoKiosk. Neither
// ipcRenderer nor any Electron object crosses the bridge (Electron's security checklist).
import { contextBridge, ipcRenderer } from 'electron';
import type { DeviceInfo, JiaohaoKioskApi, PrintResult } from './api';
import { CHANNELS } from './channels';

const api: JiaohaoKioskApi = {
  printTicket(ticketId: string, trackingToken: string): Promise<PrintResult> {
    return ipcRenderer.invoke(CHANNELS.printTicket, ticketId, trackingToken) as Promise<PrintResult>;
  },
  getDeviceInfo(): Promise<DeviceInfo> {
    return ipcRenderer.invoke(CHANNELS.deviceInfo) as Promise<DeviceInfo>;
  },
};

contextBridge.exposeInMainWorld('jiaohaoKiosk', api);
