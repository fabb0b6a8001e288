import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { workspaceMethods, PipelineFileInfo, PipelineLayout } from '../../../shared/api/methods/workspaces.ts';
import { layoutSchema } from '../../../shared/api/methods/workspaces.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { parsePipeline } from '../../../shared/pipeline/validate.ts';
import { readPipelineGraph } from '../../../shared/pipeline/edit/pipeline-graph.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { PipelineService } from '../pipelines/service.ts';
import type { Store } from '../store/database.ts';
import { scanForPipelines } from './pipeline-scan.ts';
import { checkPipelineExtension, layoutFileOf, readVersioned, resolveInside, writeAtomic, writeIfUnchanged } from './workspace-files.ts';
import { WorkspaceFolders } from './workspace-folders.ts';
import { bundledExamplesDir, copyExamples, examplesCopyDir } from './bundled-examples.ts';

/** metadata.name of a file that does not validate, when the YAML can still be read. */
function nameOf(text: string): string | null {
  try {
    const name = (parse(text) as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** Takes only the services it reads, so this file does not import api/handlers.ts back. */
export function createWorkspaceHandlers(deps: { store: Store; pipelines: PipelineService; home: string; examplesDir?: string }): HandlersFor<keyof typeof workspaceMethods> {
  const folders = new WorkspaceFolders(deps.store);
  const inside = (file: string, mustExist: boolean) => resolveInside(folders.list().filter((f) => f.exists).map((f) => f.path), file, { mustExist });

  return {
    'workspaces.list': async () => folders.list(),
    'workspaces.add': async ({ path }) => folders.add(path),
    'workspaces.remove': async ({ path }) => folders.remove(path),
    'workspaces.addExamples': async () => {
      const bundled = deps.examplesDir ?? bundledExamplesDir();
      if (bundled === null) throw new ApiError('not_found', 'The bundled examples (resources/examples) are missing from this install: reinstall Benchtop.');
      const folder = examplesCopyDir(deps.home);
      const written = copyExamples(bundled, folder);
      return { folder, written, folders: folders.add(folder) };
    },
    'workspaces.files': async () => {
      const { files, truncated } = scanForPipelines(folders.list().filter((f) => f.exists).map((f) => f.path));
      const runs = deps.pipelines.list(1000);
      const schedules = await deps.pipelines.scheduler.list();
      const infos = files.map((found): PipelineFileInfo => {
        let text = '';
        try {
          text = readVersioned(found.file).text;
        } catch {
          return { ...found, name: null, valid: false, problems: 1, steps: 0, lastRun: null, schedule: null };
        }
        const parsed = parsePipeline(text);
        const name = parsed.ok ? parsed.spec.metadata.name : nameOf(text);
        const run = runs.find((r) => r.file === found.file) ?? runs.find((r) => r.file === null && name !== null && r.pipeline === name);
        const schedule = schedules.find((s) => s.file === found.file);
        return {
          ...found,
          name,
          valid: parsed.ok,
          problems: parsed.ok ? 0 : parsed.problems.length,
          steps: parsed.ok ? Object.keys(parsed.spec.steps).length : 0,
          lastRun: run ? { id: run.id, state: run.state, createdAt: run.createdAt, finishedAt: run.finishedAt } : null,
          schedule: schedule ? { enabled: schedule.enabled, suspended: schedule.suspended, cron: schedule.cron, nextTick: schedule.nextTick } : null,
        };
      });
      return { files: infos, truncated };
    },
    'workspaces.readFile': async ({ file }) => {
      const resolved = inside(file, true);
      const read = readVersioned(resolved.file);
      return { file: resolved.file, ...read, graph: readPipelineGraph(read.text) };
    },
    'workspaces.writeFile': async ({ file, text, version }) => {
      checkPipelineExtension(file);
      const resolved = inside(file, true);
      return writeIfUnchanged(resolved.file, text, version);
    },
    'workspaces.readLayout': async ({ file }) => {
      const sidecar = layoutFileOf(inside(file, true).file);
      if (!existsSync(sidecar)) return { positions: {} };
      const parsed = layoutSchema.safeParse(JSON.parse(readFileSync(sidecar, 'utf8')) as unknown);
      if (!parsed.success) throw new ApiError('invalid_input', `${sidecar} is not a layout file Benchtop wrote: delete it to reset the layout.`);
      return parsed.data;
    },
    'workspaces.writeLayout': async ({ file, layout }) => {
      checkPipelineExtension(file);
      const sidecar = layoutFileOf(inside(file, true).file);
      const sorted: PipelineLayout = { positions: Object.fromEntries(Object.entries(layout.positions).sort(([a], [b]) => a.localeCompare(b))) };
      writeAtomic(sidecar, `${JSON.stringify(sorted, null, 2)}\n`);
      return { file: sidecar };
    },
  };
}
