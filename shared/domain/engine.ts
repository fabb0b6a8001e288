import { z } from 'zod';

export const candidateSourceSchema = z.enum(['DOCKER_HOST', 'DOCKER_CONTEXT', 'current-context', 'known-socket']);
export type CandidateSource = z.infer<typeof candidateSourceSchema>;

export const candidateOutcomeSchema = z.enum([
  'ok',
  'missing',
  'permission_denied',
  'not_docker',
  'refused',
  'timeout',
  'unsupported',
  'error',
]);
export type CandidateOutcome = z.infer<typeof candidateOutcomeSchema>;

export const candidateDiagnosisSchema = z.object({
  /** Human name of the candidate: "Docker (rootful)", "Colima", "context desktop-linux"… */
  name: z.string(),
  source: candidateSourceSchema,
  /** unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe:////./pipe/docker_engine */
  address: z.string(),
  outcome: candidateOutcomeSchema,
  /** What happened, in words. */
  detail: z.string(),
  /** What to do about it; null when outcome is ok. */
  fix: z.string().nullable(),
  apiVersion: z.string().nullable(),
  durationMs: z.number(),
});
export type CandidateDiagnosis = z.infer<typeof candidateDiagnosisSchema>;

export const engineVersionsSchema = z.object({
  serverVersion: z.string(),
  apiVersion: z.string(),
  /** The API version we talk, the lower of the server's and ours. */
  negotiatedApiVersion: z.string(),
  minApiVersion: z.string().nullable(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string().nullable(),
  operatingSystem: z.string().nullable(),
});
export type EngineVersions = z.infer<typeof engineVersionsSchema>;

export const engineStatusSchema = z.object({
  connected: z.boolean(),
  endpoint: z
    .object({ name: z.string(), source: candidateSourceSchema, address: z.string() })
    .nullable(),
  versions: engineVersionsSchema.nullable(),
  candidates: z.array(candidateDiagnosisSchema),
  checkedAt: z.string(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;
