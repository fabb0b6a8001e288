import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { resolve } from 'node:path';
import type { ComposeProblem, ComposeProject, ComposeSource } from '../../../shared/domain/compose-model.ts';
import type { ComposePlan, ComposeProgress } from '../../../shared/domain/compose-plan.ts';
import { groupStacks, type StackSummary } from '../../../shared/domain/compose-stacks.ts';
import { toContainerSummary } from '../containers/summary.ts';
import { toApiError } from '../engine/errors.ts';
import { ComposeLoadError, formatProblem } from './compose-problem.ts';
import { composeDown } from './down.ts';
import { LABEL } from './labels.ts';
import { loadComposeProject } from './load-project.ts';
import { planUp, publicPlan, readEngineState } from './plan.ts';
import { scaledProject } from './scale.ts';
import { runStackAction, type StackAction } from './stack-actions.ts';
import { composeUp, type UpOptions } from './up.ts';
import type { ContainerEventSource } from './wait-for.ts';

export interface ComposeStackService {
  load(source: ComposeSource): ComposeProject;
  /**
   * For reading (config, ps): with several files, one that cannot be read or parsed is left out
   * and named in the model's warnings, so the rest still answers; one file alone, or problems that
   * remain without the broken files, fail as `load` does. Never used to change anything (up refuses).
   */
  loadPartial(source: ComposeSource): ComposeProject;
  plan(source: ComposeSource): Promise<ComposePlan>;
  up(source: ComposeSource, emit: (progress: ComposeProgress) => void, signal: AbortSignal, options?: UpOptions): Promise<void>;
  down(project: string, volumes: boolean, emit: (progress: ComposeProgress) => void, signal: AbortSignal, options?: { timeout?: number }): Promise<void>;
  stacks(): Promise<StackSummary[]>;
  act(project: string, action: StackAction, service?: string): Promise<number>;
  /** Every problem of `text` loaded as if it were `file` (the editor's unsaved buffer). */
  validateText(file: string, text: string, profiles: string[]): ComposeProblem[];
  scale(source: ComposeSource, service: string, replicas: number, emit: (progress: ComposeProgress) => void, signal: AbortSignal): Promise<void>;
}

export interface ComposeServiceDeps {
  client(): Promise<Docker>;
  events: ContainerEventSource;
  /** The shell's environment: interpolation reads it before .env. */
  env: Readonly<Record<string, string | undefined>>;
}

export function createComposeService(deps: ComposeServiceDeps): ComposeStackService {
  const load = (source: ComposeSource): ComposeProject => {
    try {
      return loadComposeProject({ files: source.files, projectName: source.projectName, profiles: source.profiles ?? [], env: deps.env });
    } catch (error) {
      if (error instanceof ComposeLoadError) throw error.toApiError();
      throw error;
    }
  };
  const engine = async () => ({ docker: await deps.client(), events: deps.events });
  const loadPartial = (source: ComposeSource): ComposeProject => {
    try {
      return loadComposeProject({ files: source.files, projectName: source.projectName, profiles: source.profiles ?? [], env: deps.env });
    } catch (error) {
      if (!(error instanceof ComposeLoadError)) throw error;
      const broken = new Map<string, ComposeProblem>();
      for (const problem of error.problems) {
        const file = source.files.find((f) => problem.file !== null && resolve(f) === resolve(problem.file));
        if (file && !broken.has(file)) broken.set(file, problem);
      }
      const rest = source.files.filter((f) => !broken.has(f));
      if (source.files.length < 2 || broken.size === 0 || rest.length === 0) throw error.toApiError();
      let project: ComposeProject;
      try {
        project = loadComposeProject({ files: rest, projectName: source.projectName, profiles: source.profiles ?? [], env: deps.env });
      } catch {
        throw error.toApiError();
      }
      const left = [...broken].map(([file, problem]) => `compose file ${file} left out: ${formatProblem(problem)}`);
      return { ...project, warnings: [...left, ...project.warnings] };
    }
  };

  return {
    load,
    loadPartial,
    async plan(source) {
      const project = load(source);
      const docker = await deps.client();
      return publicPlan(planUp(project, await readEngineState(docker, project)));
    },
    async up(source, emit, signal, options = {}) {
      const started = Date.now();
      const project = load(source);
      const changed = await composeUp(await engine(), project, emit, signal, options);
      emit({ type: 'done', project: project.name, changed, elapsedMs: Date.now() - started });
    },
    async down(project, volumes, emit, signal, options = {}) {
      const started = Date.now();
      const removed = await composeDown(await engine(), project, { volumes, timeout: options.timeout }, emit, signal);
      if (removed === 0) throw new ApiError('not_found', `Nothing belongs to the compose project "${project}": check the name (benchtop compose ps lists them).`);
      emit({ type: 'done', project, changed: removed, elapsedMs: Date.now() - started });
    },
    async stacks() {
      const docker = await deps.client();
      try {
        const infos = await docker.listContainers({ all: true, filters: { label: [LABEL.project] } });
        return groupStacks(infos.map(toContainerSummary));
      } catch (error) {
        throw toApiError(error, 'list compose projects');
      }
    },
    validateText(file, text, profiles) {
      try {
        loadComposeProject({ files: [file], profiles, env: deps.env, overrides: new Map([[resolve(file), text]]) });
        return [];
      } catch (error) {
        if (error instanceof ComposeLoadError) return error.problems;
        throw error;
      }
    },
    async act(project, action, service) {
      return runStackAction(await deps.client(), project, action, service);
    },
    async scale(source, service, replicas, emit, signal) {
      const started = Date.now();
      const project = scaledProject(load(source), service, replicas);
      const changed = await composeUp(await engine(), project, emit, signal);
      emit({ type: 'done', project: project.name, changed, elapsedMs: Date.now() - started });
    },
  };
}
