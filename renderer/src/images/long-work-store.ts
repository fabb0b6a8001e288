import { create } from 'zustand';
import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { BuildEvent, Builder, PullProgress } from '../../../shared/domain/images.ts';
import type { ApiClient } from '../api/client.ts';

export interface BuildLogLine {
  text: string;
  step: string | null;
  error: boolean;
}

export interface PullSession {
  image: string;
  progress: PullProgress | null;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  error: ApiErrorPayload | null;
}

export interface BuildSession {
  context: string;
  tags: string[];
  builder: Builder | null;
  lines: BuildLogLine[];
  step: string | null;
  fraction: number | null;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  result: Extract<BuildEvent, { type: 'succeeded' | 'failed' }> | null;
  error: ApiErrorPayload | null;
}

/** Lines kept in the build log view; older ones are dropped (the failure keeps its step output). */
const MAX_BUILD_LINES = 5000;

export interface BuildInput {
  context: string;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
}

/**
 * The pull and the build the dialogs started: kept outside the dialogs so closing one does not
 * stop the work (the task tray shows it and can cancel it). One of each at a time in the UI.
 */
export interface LongWorkState {
  pull: PullSession | null;
  build: BuildSession | null;
  startPull(api: ApiClient, image: string): void;
  cancelPull(): void;
  startBuild(api: ApiClient, input: BuildInput): void;
  cancelBuild(): void;
  clearPull(): void;
  clearBuild(): void;
}

let closePull: (() => void) | null = null;
let closeBuild: (() => void) | null = null;

export const useLongWork = create<LongWorkState>()((set, get) => ({
  pull: null,
  build: null,

  startPull(api, image) {
    closePull?.();
    set({ pull: { image, progress: null, state: 'running', error: null } });
    const close = api.subscribe(
      'images.pull',
      { image },
      (progress) => set((s) => (s.pull && closePull === close ? { pull: { ...s.pull, progress } } : s)),
      (error) => {
        if (closePull !== close) return;
        closePull = null;
        set((s) => (s.pull ? { pull: { ...s.pull, state: error ? (error.code === 'cancelled' ? 'cancelled' : 'failed') : 'succeeded', error: error ?? null } } : s));
      },
    );
    closePull = close;
  },
  cancelPull() {
    closePull?.();
    closePull = null;
    const pull = get().pull;
    if (pull?.state === 'running') set({ pull: { ...pull, state: 'cancelled' } });
  },
  clearPull() {
    if (get().pull?.state !== 'running') set({ pull: null });
  },

  startBuild(api, input) {
    closeBuild?.();
    set({ build: { context: input.context, tags: input.tags, builder: null, lines: [], step: null, fraction: null, state: 'running', result: null, error: null } });
    const close = api.subscribe(
      'images.build',
      { ...input, builder: 'auto' },
      (event) =>
        set((s) => {
          if (!s.build || closeBuild !== close) return s;
          const build = s.build;
          switch (event.type) {
            case 'started':
              return { build: { ...build, builder: event.builder } };
            case 'log': {
              const lines = build.lines.concat(event.lines);
              return { build: { ...build, lines: lines.length > MAX_BUILD_LINES ? lines.slice(-MAX_BUILD_LINES) : lines, step: event.step, fraction: event.fraction } };
            }
            case 'succeeded':
              return { build: { ...build, state: 'succeeded', result: event, fraction: 1 } };
            case 'failed':
              return { build: { ...build, state: 'failed', result: event } };
          }
        }),
      (error) => {
        if (closeBuild !== close) return;
        closeBuild = null;
        if (error) set((s) => (s.build ? { build: { ...s.build, state: error.code === 'cancelled' ? 'cancelled' : 'failed', error } } : s));
      },
    );
    closeBuild = close;
  },
  cancelBuild() {
    closeBuild?.();
    closeBuild = null;
    const build = get().build;
    if (build?.state === 'running') set({ build: { ...build, state: 'cancelled' } });
  },
  clearBuild() {
    if (get().build?.state !== 'running') set({ build: null });
  },
}));
