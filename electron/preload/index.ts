// The sandboxed preload, bundled to ONE CommonJS file (dist/electron/preload.cjs). Logic lives in bridge.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, exposeBridge } from './bridge.ts';

exposeBridge(contextBridge, createBridge({ ipcRenderer, window, randomUUID: () => crypto.randomUUID() }));
