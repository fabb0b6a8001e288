import type { CandidateDiagnosis } from '../../../shared/domain/engine.ts';

const BRIEF: Record<CandidateDiagnosis['outcome'], string> = {
  ok: 'answered',
  missing: 'is missing',
  permission_denied: 'denied permission',
  not_docker: 'is not a Docker engine',
  refused: 'refused the connection',
  timeout: 'timed out',
  unsupported: 'is unsupported',
  error: 'failed',
};

/** One line for a person: why no engine answered, candidate by candidate, and what to do. */
export function summarizeFailure(candidates: readonly CandidateDiagnosis[]): string {
  if (candidates.length === 0) return 'No Docker engine answered: no candidate was found. Start Docker or set DOCKER_HOST.';
  const reasons = candidates.map((candidate) => `${candidate.address.replace(/^unix:\/\//, '')} ${BRIEF[candidate.outcome]}`);
  const actionable = candidates.find((candidate) => candidate.outcome !== 'missing' && candidate.fix);
  const advice = actionable?.fix ?? 'Start Docker or set DOCKER_HOST.';
  return `No Docker engine answered: ${reasons.join('; ')}. ${advice}`;
}
