import { ApiError } from '../../../shared/api/errors.ts';
import type { ExportNote } from '../../../shared/api/methods/exports.ts';
import { resolveParams } from '../../../shared/pipeline/params.ts';
import { workflowFromTemplate } from './argo-export.ts';
import { lintArgo } from './argo-lint.ts';
import { formatNote } from './export-notes.ts';
import { exportPipeline } from './export-pipeline.ts';
import { createWorkflow, loadKubeConfig, useContext } from './kube-cluster.ts';

export interface SubmitRequest {
  text: string;
  file: string | null;
  context: string;
  namespace?: string;
  artifactRepositoryRef?: string;
  params: Readonly<Record<string, string>>;
}

export interface Submitted {
  name: string;
  namespace: string;
  context: string;
  uid: string | null;
  notes: ExportNote[];
}

/**
 * Exports the pipeline and creates it on the cluster as one self-contained Workflow (the
 * WorkflowTemplate's spec with this run's params, `generateName: <pipeline>-`): nothing else on the
 * cluster is created or replaced, and the run does not depend on a template someone may change.
 */
export async function submitPipeline(request: SubmitRequest, env: NodeJS.ProcessEnv): Promise<Submitted> {
  const outcome = exportPipeline({ target: 'argo', text: request.text, file: request.file, namespace: request.namespace, artifactRepositoryRef: request.artifactRepositoryRef });
  if (!outcome.argo || !outcome.spec) {
    const errors = outcome.notes.filter((note) => note.severity === 'error');
    throw new ApiError('invalid_input', `Not submitted: the export was refused. ${errors.map(formatNote).join(' ')}`, { notes: outcome.notes });
  }
  const values = resolveParams(outcome.spec, request.params);
  if (!values.ok) throw new ApiError('invalid_input', `Not submitted: ${values.problems.join(' ')}`);
  const workflow = workflowFromTemplate(outcome.argo.workflowTemplate, values.values);
  const problems = lintArgo([workflow]);
  if (problems.length > 0) throw new ApiError('internal', `The Workflow failed its own validation (a Benchtop bug; please report it): ${problems.join(' ')}`);
  const { config } = loadKubeConfig(env);
  const target = useContext(config, request.context, request.namespace);
  const created = await createWorkflow(target.config, target.namespace, workflow);
  return { ...created, namespace: target.namespace, context: request.context, notes: outcome.notes };
}
