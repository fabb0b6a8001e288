import type { PipelineSpec } from '../../../shared/pipeline/schema.ts';
import type { StepResult } from './run-store.ts';

/** A step attempt that just succeeded, with what the catalog needs to register its outputs and lineage. */
export interface SucceededStep {
  runId: string;
  pipeline: string;
  step: string;
  attempt: number;
  /** The whole run's pipeline, as it was when the run started. */
  spec: PipelineSpec;
  params: Record<string, string>;
  imageDigest: string;
  result: StepResult;
  /** Results of the run's steps that ended before this one (for lineage). */
  upstream: ReadonlyMap<string, StepResult>;
}

/**
 * Called after a step's attempt succeeded and before the step is marked so; throwing makes the
 * attempt fail with the error's message (a declared model that is not there is the step's fault).
 */
export type StepSucceededHook = (step: SucceededStep) => Promise<void>;
