import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComposeProgress } from '../../../shared/domain/compose-plan.ts';
import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import { useApiClient } from '../api/api-context.tsx';

export interface ComposeRun {
  /** Which operation and project, for the heading: "up demo". */
  title: string;
  lines: ComposeProgress[];
  state: 'running' | 'done' | 'failed' | 'cancelled';
  error: ApiErrorPayload | null;
}

/** Runs compose.up / compose.down as a stream and keeps its progress; cancel() closes the stream (the core stops). */
export function useComposeRun() {
  const api = useApiClient();
  const [run, setRun] = useState<ComposeRun | null>(null);
  const close = useRef<(() => void) | null>(null);

  useEffect(() => () => close.current?.(), []);

  const track = useCallback((title: string, open: (onValue: (p: ComposeProgress) => void, onEnd: (error?: ApiErrorPayload) => void) => () => void, onDone?: () => void) => {
    close.current?.();
    setRun({ title, lines: [], state: 'running', error: null });
    close.current = open(
      (progress) => setRun((current) => (current ? { ...current, lines: [...current.lines, progress] } : current)),
      (error) => {
        close.current = null;
        setRun((current) => (current ? { ...current, state: error ? (error.code === 'cancelled' ? 'cancelled' : 'failed') : 'done', error: error ?? null } : current));
        if (!error) onDone?.();
      },
    );
  }, []);

  const up = useCallback(
    (files: string[], profiles: string[], projectName?: string, onDone?: () => void) =>
      track(`up ${projectName ?? files[0]}`, (onValue, onEnd) => api.subscribe('compose.up', { files, profiles, ...(projectName ? { projectName } : {}) }, onValue, onEnd), onDone),
    [api, track],
  );
  const down = useCallback(
    (project: string, volumes: boolean) => track(`down ${project}`, (onValue, onEnd) => api.subscribe('compose.down', { project, volumes }, onValue, onEnd)),
    [api, track],
  );
  const scale = useCallback(
    (files: string[], project: string, service: string, replicas: number) =>
      track(`scale ${service} of ${project} to ${replicas}`, (onValue, onEnd) => api.subscribe('compose.scale', { files, projectName: project, profiles: [], service, replicas }, onValue, onEnd)),
    [api, track],
  );
  const cancel = useCallback(() => {
    close.current?.();
    close.current = null;
    setRun((current) => (current && current.state === 'running' ? { ...current, state: 'cancelled' } : current));
  }, []);
  const dismiss = useCallback(() => setRun(null), []);
  return { run, up, down, scale, cancel, dismiss };
}
