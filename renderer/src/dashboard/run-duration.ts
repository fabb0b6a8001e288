import { formatDuration } from '../pipelines/dag/format-duration.ts';

/** How long a run took, or has taken so far while it runs: "12 s", "3 m 05 s". */
export function runDuration(run: { createdAt: string; finishedAt: string | null }, nowMs: number): string {
  const start = Date.parse(run.createdAt);
  const end = run.finishedAt === null ? nowMs : Date.parse(run.finishedAt);
  return Number.isFinite(start) && Number.isFinite(end) ? formatDuration(Math.max(0, end - start)) : '';
}
