import { useEffect, useRef, useState } from 'react';
import { referenceProblem } from '../../../shared/domain/image-reference.ts';
import { shortImageId } from '../../../shared/domain/images.ts';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useLongWork } from './long-work-store.ts';
import { parseBuildArgs } from './parse-build-args.ts';
import { useApiQuery } from '../api/use-api.ts';

/** Lines drawn in the log view (the newest); the whole log stays in the store. */
const SHOWN_LINES = 1500;

const BUILDER_TEXT = { buildx: 'BuildKit (docker buildx)', classic: 'the classic builder (Engine API)' } as const;

/** Build from a folder on the machine that runs Benchtop: args, target, tag, live log, failing step. */
export function BuildDialog({ onClose }: { onClose(): void }) {
  const api = useApiClient();
  const build = useLongWork((s) => s.build);
  const { startBuild, cancelBuild, clearBuild } = useLongWork.getState();
  const builders = useApiQuery('images.builders', {}, { staleTime: Infinity });
  const [context, setContext] = useState(build?.context ?? '');
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [tag, setTag] = useState(build?.tags[0] ?? '');
  const [target, setTarget] = useState('');
  const [argsText, setArgsText] = useState('');
  const running = build?.state === 'running';
  const tagProblem = tag.trim() ? referenceProblem(tag.trim(), true) : null;
  const parsedArgs = parseBuildArgs(argsText);
  const logRef = useRef<HTMLDivElement>(null);
  const lineCount = build?.lines.length ?? 0;

  useEffect(() => {
    const element = logRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [lineCount, build?.state]);

  const failedStep = build?.result?.type === 'failed' ? build.result.failedStep : null;
  const shown = build ? build.lines.slice(-SHOWN_LINES) : [];
  const builderName = build?.builder ?? builders.data?.preferred ?? null;

  return (
    <Dialog label="Build an image" onClose={onClose} className="dialog-wide">
      <h2 className="dialog-title">Build an image</h2>
      <p className="dialog-hint">
        {builderName ? `Builds with ${BUILDER_TEXT[builderName]}.` : 'Checking which builder is available…'} The folder is read on the machine Benchtop runs on.
      </p>
      <form
        className="build-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!context.trim() || tagProblem || parsedArgs.problem) return;
          startBuild(api, {
            context: context.trim(),
            dockerfile: dockerfile.trim() || 'Dockerfile',
            tags: tag.trim() ? [tag.trim()] : [],
            buildArgs: parsedArgs.args,
            target: target.trim() || undefined,
          });
        }}
      >
        <label className="image-field image-field-wide">
          <span>Build context folder</span>
          <input className="input mono" value={context} placeholder="/home/me/projects/train" onChange={(e) => setContext(e.currentTarget.value)} disabled={running} />
        </label>
        <label className="image-field">
          <span>Dockerfile</span>
          <input className="input mono" value={dockerfile} onChange={(e) => setDockerfile(e.currentTarget.value)} disabled={running} />
        </label>
        <label className="image-field">
          <span>Tag</span>
          <input className="input mono" value={tag} placeholder="my/model:dev" onChange={(e) => setTag(e.currentTarget.value)} aria-invalid={tagProblem ? true : undefined} disabled={running} />
        </label>
        <label className="image-field">
          <span>Target stage</span>
          <input className="input mono" value={target} placeholder="(last stage)" onChange={(e) => setTarget(e.currentTarget.value)} disabled={running} />
        </label>
        <label className="image-field image-field-wide">
          <span>Build arguments</span>
          <textarea className="input mono" rows={2} value={argsText} placeholder={'KEY=VALUE, one a line'} onChange={(e) => setArgsText(e.currentTarget.value)} disabled={running} />
        </label>
        {tagProblem && <p className="image-field-error image-field-wide">The tag {tagProblem}.</p>}
        {parsedArgs.problem && <p className="image-field-error image-field-wide">{parsedArgs.problem}</p>}
        <div className="dialog-buttons image-field-wide">
          {running ? (
            <button type="button" className="button button-danger" onClick={cancelBuild}>
              Cancel build
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={!context.trim() || tagProblem !== null || parsedArgs.problem !== null}>
              Build
            </button>
          )}
          {build && !running && (
            <button type="button" className="button" onClick={clearBuild}>
              Clear log
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            {running ? 'Hide (keeps building)' : 'Close'}
          </button>
        </div>
      </form>
      {build && (
        <section aria-label="Build log" className="build-output">
          <div className="progress-summary" role="status">
            {build.state === 'running' && `Building with ${build.builder ? BUILDER_TEXT[build.builder] : '…'}${build.step ? `: ${build.step}` : ''}`}
            {build.state === 'succeeded' &&
              `Built ${build.result?.type === 'succeeded' && build.result.imageId ? shortImageId(build.result.imageId) : ''}${build.tags.length ? ` as ${build.tags.join(', ')}` : ''} with ${build.builder ? BUILDER_TEXT[build.builder] : 'the engine'}.`}
            {build.state === 'failed' && (failedStep ? `Build failed at ${failedStep}` : 'Build failed')}
            {build.state === 'cancelled' && 'Build cancelled.'}
          </div>
          {build.state === 'running' && <progress className="progress-bar" max={1} value={build.fraction ?? undefined} aria-label="Build progress" />}
          {build.result?.type === 'failed' && (
            <div role="alert" className="build-failure">
              <strong>{failedStep ?? 'The build'} failed:</strong> {build.result.message}
              {build.result.stepOutput.length > 0 && <pre className="build-failure-output">{build.result.stepOutput.slice(-30).join('\n')}</pre>}
            </div>
          )}
          {build.error && <ErrorAlert error={build.error.message} />}
          <div className="build-log" ref={logRef} tabIndex={0} aria-label="Build log lines">
            {build.lines.length > shown.length && <div className="log-line muted">… {build.lines.length - shown.length} earlier lines</div>}
            {shown.map((line, index) => (
              <div key={index} className={`build-line${line.error ? ' build-line-error' : ''}${failedStep && line.step === failedStep ? ' build-line-failed-step' : ''}`}>
                {line.text}
              </div>
            ))}
          </div>
        </section>
      )}
    </Dialog>
  );
}
