import type { PipelineFileInfo } from '../../../shared/api/methods/workspaces.ts';
import { useUiStore } from '../state/ui-store.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { usePipelinesUiStore } from './pipelines-ui-store.ts';
import { useOpenExamples } from './use-open-examples.ts';

/** The example that runs in seconds on any engine with a busybox image: the guide's step 2. */
export const QUICK_EXAMPLE = 'busybox-select';

/**
 * The first run, in three numbered steps: open the bundled examples, run one, see its run and the
 * model it registered. Shown on an empty Pipelines page (and on Home while nothing has run yet);
 * each step says when it is done.
 */
export function FirstRunGuide({ files, compact = false }: { files: readonly PipelineFileInfo[] | undefined; compact?: boolean }) {
  const setPage = useUiStore((s) => s.setPage);
  const open = usePipelinesUiStore((s) => s.open);
  const examples = useOpenExamples(() => setPage('pipelines'));
  const quick = files?.find((f) => f.name === QUICK_EXAMPLE);
  const hasFiles = (files?.length ?? 0) > 0;
  const ran = files?.some((f) => f.lastRun !== null) ?? false;

  return (
    <section className={`first-run${compact ? ' first-run-compact' : ''}`} aria-label="Get started">
      <h2>Get started</h2>
      <p className="muted">Three steps from nothing to a trained, registered model, all on this machine.</p>
      <ol className="first-run-steps">
        <li className={hasFiles ? 'first-run-done' : 'first-run-current'}>
          <span className="first-run-step-title">Open the examples</span>
          <span className="muted">The example pipelines bundled with Benchtop, copied into your data folder so you can edit them.</span>
          {!hasFiles && (
            <button type="button" className="button button-primary button-small" onClick={() => examples.mutate({})} disabled={examples.isPending}>
              {examples.isPending ? 'Opening…' : 'Open the examples'}
            </button>
          )}
          {examples.error && <ErrorAlert error={examples.error} onDismiss={() => examples.reset()} />}
        </li>
        <li className={ran ? 'first-run-done' : hasFiles ? 'first-run-current' : ''}>
          <span className="first-run-step-title">Run one</span>
          <span className="muted">
            Open <strong>{QUICK_EXAMPLE}</strong> and press <strong>Run</strong>: five small steps, done in seconds. Its image,{' '}
            <span className="mono">busybox:1.36</span>, is pulled from Docker Hub if this machine lacks it.
          </span>
          {quick && !ran && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                open(quick.file);
                setPage('pipelines');
              }}
            >
              Open {QUICK_EXAMPLE}
            </button>
          )}
        </li>
        <li className={ran ? 'first-run-current' : ''}>
          <span className="first-run-step-title">See its run and its model</span>
          <span className="muted">Every run is kept with its logs, params and metrics; the model versions it registered are in the catalog.</span>
          {ran && (
            <span className="first-run-links">
              <button type="button" className="button button-small" onClick={() => setPage('runs')}>
                Open Runs
              </button>
              <button type="button" className="button button-small" onClick={() => setPage('models')}>
                Open Models
              </button>
            </span>
          )}
        </li>
      </ol>
    </section>
  );
}
