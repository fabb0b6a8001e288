import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import type { EnvironmentSummary } from '../../../shared/environments/summary.ts';
import { useApiClient } from '../api/api-context.tsx';

export interface EnvironmentRun {
  title: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  steps: string[];
  output: string[];
  warnings: string[];
  error: ApiErrorPayload | null;
  ready: EnvironmentSummary | null;
}

export type RunStart =
  | { method: 'environments.up'; input: { folder: string; template?: string; configFile?: string; gpu?: 'auto' | 'none' } }
  | { method: 'environments.reproduce'; input: { lockFile: string } }
  | { method: 'environments.rebuild'; input: { id: string } };

const KEPT_OUTPUT = 200;

/** One up / reproduce / rebuild stream at a time: its steps, output tail, warnings and outcome. */
export function useEnvironmentRun() {
  const api = useApiClient();
  const [run, setRun] = useState<EnvironmentRun | null>(null);
  const close = useRef<(() => void) | null>(null);
  useEffect(() => () => close.current?.(), []);

  const start = useCallback(
    (title: string, request: RunStart) => {
      close.current?.();
      setRun({ title, state: 'running', steps: [], output: [], warnings: [], error: null, ready: null });
      const onValue = (progress: EnvironmentProgress) =>
        setRun((current) => {
          if (!current) return current;
          switch (progress.type) {
            case 'step':
              return { ...current, steps: [...current.steps, progress.message] };
            case 'output':
              return { ...current, output: [...current.output, `${progress.source}: ${progress.line}`].slice(-KEPT_OUTPUT) };
            case 'warning':
              return { ...current, warnings: [...current.warnings, progress.message] };
            case 'ready':
              return { ...current, ready: progress.environment };
          }
        });
      const onEnd = (error?: ApiErrorPayload) => {
        close.current = null;
        setRun((current) => (current ? { ...current, state: error ? (error.code === 'cancelled' ? 'cancelled' : 'failed') : 'done', error: error ?? null } : current));
      };
      if (request.method === 'environments.up') close.current = api.subscribe('environments.up', request.input, onValue, onEnd);
      else if (request.method === 'environments.reproduce') close.current = api.subscribe('environments.reproduce', request.input, onValue, onEnd);
      else close.current = api.subscribe('environments.rebuild', request.input, onValue, onEnd);
    },
    [api],
  );
  const cancel = useCallback(() => {
    close.current?.();
    close.current = null;
    setRun((current) => (current && current.state === 'running' ? { ...current, state: 'cancelled' } : current));
  }, []);
  const dismiss = useCallback(() => setRun(null), []);
  return { run, start, cancel, dismiss };
}
