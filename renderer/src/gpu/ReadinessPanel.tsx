import type { GpuReadiness, GpuTestResult } from '../../../shared/domain/gpu.ts';

const STATE_LABEL: Record<GpuReadiness['state'], string> = {
  docker_unavailable: 'Docker unavailable',
  unsupported: 'Not supported',
  no_gpu: 'No GPU',
  ready_cdi: 'Ready (CDI)',
  likely_gpus: 'Likely ready',
  toolkit_missing: 'Toolkit missing',
  verified: 'Verified',
};

export interface ReadinessPanelProps {
  readiness: GpuReadiness;
  testing: boolean;
  lastTest: GpuTestResult | null;
  onTest(): void;
}

/** Whether containers on this engine can get the GPUs: state, reason, fix, and the Test GPU action. */
export function ReadinessPanel({ readiness, testing, lastTest, onTest }: ReadinessPanelProps) {
  return (
    <section className={`gpu-readiness gpu-readiness-${readiness.state}`} aria-label="Engine GPU readiness">
      <div className="gpu-readiness-head">
        <span className="gpu-readiness-title">Containers and GPUs</span>
        <span className={`badge gpu-state gpu-state-${readiness.state}`}>{STATE_LABEL[readiness.state]}</span>
        <button type="button" className="button button-small" onClick={onTest} disabled={testing || readiness.state === 'docker_unavailable' || readiness.state === 'unsupported'}>
          {testing ? 'Testing…' : 'Test GPU'}
        </button>
      </div>
      <p className="gpu-readiness-reason">{readiness.reason}</p>
      {readiness.fix && (
        <p className="gpu-readiness-fix">
          <strong>Fix:</strong> {readiness.fix}
        </p>
      )}
      {lastTest && (
        <p className="gpu-test-result" role="status">
          {lastTest.ok ? `Test GPU passed in ${lastTest.durationMs} ms.` : `Test GPU failed${lastTest.engineMessage ? `: ${lastTest.engineMessage}` : '.'}`}
        </p>
      )}
    </section>
  );
}
