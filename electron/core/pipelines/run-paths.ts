import { join } from 'node:path';

/** Where a run keeps its files under the data directory: runs/<run>/<step>/attempt-<n>[.log]. */
export function attemptDir(home: string, runId: string, step: string, attempt: number): string {
  return join(home, 'runs', runId, step, `attempt-${attempt}`);
}

export function attemptLogPath(home: string, runId: string, step: string, attempt: number): string {
  return join(home, 'runs', runId, step, `attempt-${attempt}.log`);
}

export function runDir(home: string, runId: string): string {
  return join(home, 'runs', runId);
}
