import type { ComposePlan } from '../../../shared/domain/compose-plan.ts';

const ACTION_TEXT: Record<ComposePlan['steps'][number]['action'], string> = {
  create: 'create',
  recreate: 'recreate',
  start: 'start',
  keep: 'keep',
  remove: 'remove',
};

/** The "what will change" preview: every resource up touches and why. */
export function PlanPreview({ plan }: { plan: ComposePlan }) {
  const changes = plan.steps.filter((step) => step.action !== 'keep').length;
  const showGpus = plan.steps.some((step) => step.gpus);
  return (
    <div className="plan-preview">
      <p className="plan-summary">
        Project <strong>{plan.project}</strong>: {changes === 0 ? 'nothing will change' : `${changes} change${changes === 1 ? '' : 's'}`}
        {plan.missingImages.length > 0 && <span className="plan-missing"> · images to pull: {plan.missingImages.join(', ')}</span>}
      </p>
      <div className="table-scroll table-scroll-auto">
        <table className="data-table plan-table" aria-label="What will change">
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Name</th>
              <th scope="col">Service</th>
              <th scope="col">Action</th>
              {showGpus && <th scope="col">GPUs</th>}
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {plan.steps.map((step) => (
              <tr key={`${step.kind}:${step.name}`}>
                <td>{step.kind}</td>
                <td className="mono">{step.name}</td>
                <td>{step.service ?? ''}</td>
                <td>
                  <span className={`plan-action plan-action-${step.action}`}>{ACTION_TEXT[step.action]}</span>
                </td>
                {showGpus && <td>{step.gpus ?? ''}</td>}
                <td className="muted">{step.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {[...plan.warnings, ...plan.orphans.map((o) => `${o} belongs to the project but to no service in the file; up leaves it alone.`)].map((warning) => (
        <p key={warning} className="plan-warning">
          {warning}
        </p>
      ))}
    </div>
  );
}
