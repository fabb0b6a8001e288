import type { RunDetail } from '../../../shared/pipeline/run-model.ts';
import { useNow } from '../ui/use-now.ts';
import { buildTimeline, formatSpan, type TimelineSegment } from './timeline-model.ts';

const AXIS_MARKS = [0, 0.25, 0.5, 0.75, 1];

function describe(step: string, segment: TimelineSegment): string {
  const span = formatSpan(segment.end - segment.start);
  if (segment.kind === 'reused') return `${step}: result reused, no container ran`;
  if (segment.kind === 'waiting') return `${step} attempt ${segment.attempt}: waited ${span} for a slot${segment.live ? ' (still waiting)' : ''}`;
  return `${step} attempt ${segment.attempt}: ran ${span}${segment.live ? ' (still running)' : `, ${segment.state}`}`;
}

/** Per step, per attempt: a waiting bar (ready, queued for a slot) then a running bar; grows live while the run goes on. */
export function RunTimeline({ run }: { run: RunDetail }) {
  const now = useNow(run.state === 'running' ? 250 : 60_000);
  const timeline = buildTimeline(run, now);
  const total = timeline.end - timeline.start;
  const left = (at: number) => `${((at - timeline.start) / total) * 100}%`;
  const width = (segment: TimelineSegment) => `max(${((segment.end - segment.start) / total) * 100}%, 2px)`;
  return (
    <section className="run-timeline" aria-label="Timeline">
      <div className="run-timeline-legend" aria-hidden="true">
        <span className="run-timeline-key run-timeline-waiting" /> waiting for a slot
        <span className="run-timeline-key run-timeline-running" /> running
        <span className="run-timeline-key run-timeline-reused" /> reused / cached
      </div>
      <div className="run-timeline-grid" role="list">
        {timeline.rows.map((row) => (
          <div key={row.step} className="run-timeline-row" role="listitem" aria-label={`${row.step}: ${row.state}`}>
            <span className="run-timeline-label" title={row.step}>
              {row.step}
            </span>
            <div className="run-timeline-track">
              {row.segments.map((segment, index) => (
                <span
                  key={index}
                  className={`run-timeline-bar run-timeline-${segment.kind} run-state-${segment.state}${segment.live ? ' run-timeline-live' : ''}`}
                  style={{ left: left(segment.start), width: segment.kind === 'reused' ? undefined : width(segment) }}
                  title={describe(row.step, segment)}
                  aria-label={describe(row.step, segment)}
                  role="img"
                />
              ))}
              {row.segments.length === 0 && <span className="run-timeline-none muted">{row.state.replace('_', ' ')}</span>}
            </div>
          </div>
        ))}
        <div className="run-timeline-row run-timeline-axis" aria-hidden="true">
          <span className="run-timeline-label" />
          <div className="run-timeline-track">
            {AXIS_MARKS.map((mark) => (
              <span key={mark} className="run-timeline-mark" style={{ left: `${mark * 100}%` }}>
                {formatSpan(mark * total)}
              </span>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
