import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import { environmentProblemSchema, formatProblem, type EnvironmentProblem } from '../../../shared/environments/problems.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import type { EnvironmentRun } from './use-environment-run.ts';

/** The live log of an up / reproduce / rebuild: steps, warnings, the last output lines, the outcome. */
export function RunProgress({ run, onCancel, onDismiss }: { run: EnvironmentRun; onCancel(): void; onDismiss?: () => void }) {
  return (
    <section className="env-run" aria-label={`Progress of ${run.title}`}>
      <header className="env-run-header">
        <strong>{run.title}</strong>
        <span className={`badge env-run-${run.state}`}>{run.state === 'done' ? 'ready' : run.state}</span>
        {run.state === 'running' ? (
          <button type="button" className="button button-small" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          onDismiss && (
            <button type="button" className="button button-small button-ghost" onClick={onDismiss}>
              Dismiss
            </button>
          )
        )}
      </header>
      <ol className="env-run-steps">
        {run.steps.map((step, index) => (
          <li key={index}>{step}</li>
        ))}
      </ol>
      {run.warnings.map((warning, index) => (
        <p key={index} className="env-run-warning" role="note">
          {warning}
        </p>
      ))}
      {run.output.length > 0 && (
        <pre className="env-run-output mono" aria-label="Output">
          {run.output.slice(-12).join('\n')}
        </pre>
      )}
      {run.error && <ErrorAlert error={run.error.message} />}
      {problemsOf(run.error).map((problem, index) => (
        <p key={index} className="env-problem mono">
          {formatProblem(problem)}
        </p>
      ))}
    </section>
  );
}

/** Every problem of an invalid devcontainer.json (details.problems), when there is more than one. */
function problemsOf(error: ApiErrorPayload | null): EnvironmentProblem[] {
  const problems = (error?.details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems) || problems.length < 2) return [];
  return problems.flatMap((p) => {
    const parsed = environmentProblemSchema.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}
