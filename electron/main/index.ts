// Electron main: wiring only. Every decision lives in a tested module next to this file.
import { copyFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, nativeTheme, protocol, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { IPC_PICK_FOLDER, IPC_SAVE_FILE } from '../../shared/api/bridge.ts';
import { createCore } from '../core/app.ts';
import { createRotatingLog, type RotatingLog } from '../core/logging/rotating-log.ts';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { appPaths } from './app-paths.ts';
import { APP_SCHEME, appPagePath, appPageUrl } from './app-url.ts';
import { registerIpcTransport } from './ipc-transport.ts';
import { guardNavigation } from './navigation-guard.ts';
import { createFolderPicker } from './folder-picker.ts';
import { createOpenExternal } from './open-external.ts';
import { installPermissionHandlers } from './permissions.ts';
import { createPreferences, mapStore, type DesktopPreferences, type KeyValueStore } from './preferences.ts';
import { createQuitGuard } from './quit-guard.ts';
import { registerSaveFile } from './save-file.ts';
import { createTrustedSenders } from './trusted-senders.ts';
import { windowOptions } from './window-options.ts';

// Before `ready`: the app:// scheme and the sandbox for every renderer.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  const paths = appPaths(app.getAppPath(), app.getPath('userData'), process.env);
  const log: RotatingLog = createRotatingLog({ dir: paths.logs, name: 'main' });
  const trusted = createTrustedSenders();
  const openExternal = createOpenExternal(shell, (url) => log.warn(`blocked openExternal(${url})`));
  let preferences: DesktopPreferences | null = null;
  let mainWindow: BrowserWindow | null = null;
  let cleanup: () => Promise<void> = async () => {};

  process.on('unhandledRejection', (reason) => log.error(`unhandled rejection: ${String(reason)}`));

  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, {
      openExternal: (url) => void openExternal(url),
      onBlocked: (what, url) => log.warn(`blocked ${what} ${url.slice(0, 200)}`),
    });
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (preferences && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(preferences);
  });

  app.on('will-quit', createQuitGuard({ cleanup: () => cleanup(), quit: () => app.quit(), log }));
  app.on('quit', () => log.close());

  app
    .whenReady()
    .then(async () => {
      log.info(`Benchtop ${app.getVersion()} starting (Electron ${process.versions.electron}, data ${paths.home})`);
      preferences = createPreferences(openPreferencesStore(log));
      nativeTheme.themeSource = preferences.theme();
      installPermissionHandlers(session.defaultSession, (permission, url) => log.warn(`denied permission ${permission} for ${url}`));
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: paths.renderer }));

      const core = await createCore({ transport: 'electron', home: paths.home, log });
      const transport = registerIpcTransport({
        ipcMain,
        dispatcher: core.dispatcher,
        trusted,
        createChannel: () => new MessageChannelMain(),
        log,
      });
      ipcMain.handle(
        IPC_PICK_FOLDER,
        createFolderPicker({ dialog, trusted, windowOf: (event) => BrowserWindow.fromWebContents((event as Electron.IpcMainInvokeEvent).sender), log }),
      );
      registerSaveFile({
        ipcMain,
        trusted,
        dialog: { showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)) },
        resolve: (file) => core.outputs.resolve(file),
        copyFile: (from, to) => copyFile(from, to),
        downloadsDir: app.getPath('downloads'),
        log,
      });
      cleanup = async () => {
        ipcMain.removeHandler(IPC_PICK_FOLDER);
        ipcMain.removeHandler(IPC_SAVE_FILE);
        transport.dispose();
        await core.close();
        log.info('Benchtop stopped');
      };
      mainWindow = createWindow(preferences);
    })
    .catch((error: unknown) => {
      log.error(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`Benchtop could not start: ${error instanceof Error ? error.message : String(error)} (log: ${log.file})`);
      app.exit(1);
    });

  function createWindow(prefs: DesktopPreferences): BrowserWindow {
    const window = new BrowserWindow(
      windowOptions({
        preloadPath: paths.preload,
        bounds: prefs.windowBounds(),
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1f24' : '#ffffff',
      }),
    );
    trusted.add(window.webContents);
    window.once('ready-to-show', () => window.show());
    window.on('close', () => {
      if (!window.isMinimized() && !window.isFullScreen()) prefs.setWindowBounds(window.getNormalBounds());
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    const rememberPage = (url: string) => {
      const page = appPagePath(url);
      if (page) prefs.setLastPage(page);
    };
    window.webContents.on('did-navigate-in-page', (_event, url) => rememberPage(url));
    window.webContents.on('did-navigate', (_event, url) => rememberPage(url));
    void window.loadURL(appPageUrl(prefs.lastPage()));
    return window;
  }
}

function openPreferencesStore(log: RotatingLog): KeyValueStore {
  try {
    return new ElectronStore<Record<string, unknown>>({ name: 'preferences', clearInvalidConfig: true });
  } catch (error) {
    log.warn(`preferences unavailable, using defaults: ${error instanceof Error ? error.message : String(error)}`);
    return mapStore();
  }
}
