import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useState } from 'react';
import type { StepFlowNode } from './build-flow.ts';
import { formatDuration } from './format-duration.ts';
import { useLiveRunStore, type LiveStep } from './live-run-store.ts';
import { countStepNodeRender } from './render-counts.ts';

const NO_PROBLEMS: readonly string[] = [];
// Dependencies and artifact flows leave and enter at different heights, so that both show between the same two steps.
const DEPENDS_HANDLE = { top: '38%' } as const;
const ARTIFACT_HANDLE = { top: '78%', opacity: 0 } as const;

/** Ticks once a second while the step runs; the only part of a node that updates on a timer. */
function Elapsed({ live }: { live: LiveStep }) {
  const running = live.finishedAt === null && live.startedAt !== null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (live.startedAt === null) return null;
  const end = live.finishedAt === null ? now : Date.parse(live.finishedAt);
  return <span className="dag-node-duration">{formatDuration(end - Date.parse(live.startedAt))}</span>;
}

/**
 * One step on the canvas. It selects its own live state and problems from the stores, so a state
 * change of one step re-renders that node only.
 */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepFlowNode>) {
  const live = useLiveRunStore((s): LiveStep | undefined => s.steps[data.name]);
  const problems = useLiveRunStore((s) => s.problems[data.name] ?? NO_PROBLEMS);
  countStepNodeRender(data.name);
  const state = live?.state ?? 'idle';
  const retries = live && live.attempt > 1 ? live.attempt - 1 : 0;
  return (
    <div
      className={`dag-node dag-state-${state}${problems.length > 0 ? ' dag-node-invalid' : ''}${selected ? ' dag-node-selected' : ''}`}
      data-testid={`step-node-${data.name}`}
      data-state={state}
      title={problems.length > 0 ? problems.join('\n') : undefined}
      aria-label={`Step ${data.name}: ${state.replace('_', ' ')}${problems.length > 0 ? `, ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`}
    >
      <Handle type="target" position={Position.Left} id="in" style={DEPENDS_HANDLE} />
      {data.artifactIn && <Handle type="target" position={Position.Left} id="artifact-in" style={ARTIFACT_HANDLE} isConnectable={false} />}
      <div className="dag-node-top">
        <span className="dag-node-name">{data.name}</span>
        {data.gpu > 0 && <span className="dag-badge dag-badge-gpu" title={`${data.gpu} GPU${data.gpu === 1 ? '' : 's'}`}>GPU {data.gpu}</span>}
      </div>
      <div className="dag-node-image mono" title={data.image}>
        {data.image || '(no image)'}
      </div>
      <div className="dag-node-bottom">
        <span className="dag-node-state">{state === 'idle' ? 'not run' : state.replace('_', ' ')}</span>
        {live && <Elapsed live={live} />}
        {live?.cacheDecision === 'hit' && <span className="dag-badge dag-badge-cache" title="Result reused from the cache">cached</span>}
        {!data.cacheEnabled && <span className="dag-badge" title="cache: false">no cache</span>}
        {(retries > 0 || data.retryLimit > 0) && (
          <span className="dag-badge" title={`Retries used / allowed`}>
            ↻ {retries}/{data.retryLimit}
          </span>
        )}
        {problems.length > 0 && <span className="dag-badge dag-badge-problem">{problems.length} problem{problems.length === 1 ? '' : 's'}</span>}
      </div>
      <Handle type="source" position={Position.Right} id="out" style={DEPENDS_HANDLE} />
      {data.artifactOut && <Handle type="source" position={Position.Right} id="artifact-out" style={ARTIFACT_HANDLE} isConnectable={false} />}
    </div>
  );
});
