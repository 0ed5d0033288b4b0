/**
 * The only bridge between the page and the main process: one function that
 * forwards an API request. `ipcRenderer` itself is never exposed
 * (CVE-2021-28119 came from exposing too much).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL, type PracticeDeskBridge } from '../shared/api/bridge';

const bridge = {
  kind: 'electron',
  call: (request) => ipcRenderer.invoke(API_CHANNEL, request),
} satisfies PracticeDeskBridge;

contextBridge.exposeInMainWorld('practiceDesk', bridge);
