import { ApiError } from '../../../shared/api/errors.ts';
import type { exportMethods } from '../../../shared/api/methods/exports.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import { formatNote } from './export-notes.ts';
import { exportPipeline } from './export-pipeline.ts';
import { kubeconfigFiles, listContexts, loadKubeConfig, followWorkflow, useContext } from './kube-cluster.ts';
import { defaultExportPath, writeExport } from './save-export.ts';
import { submitPipeline } from './submit.ts';

/**
 * Takes the HandlerDeps like every area but reads none of them (typed `object`, which keeps this file out
 * of an import cycle with api/handlers.ts). `env` is where KUBECONFIG and HOME are read (tests pass their own).
 */
export function createExportHandlers(_deps: object, env: NodeJS.ProcessEnv = process.env): HandlersFor<keyof typeof exportMethods> {
  return {
    'exports.preview': async (input) => {
      const { spec: _spec, argo: _argo, ...result } = exportPipeline(input);
      return result;
    },
    'exports.save': async (input) => {
      const outcome = exportPipeline(input);
      if (outcome.yaml === null) {
        const errors = outcome.notes.filter((n) => n.severity === 'error');
        throw new ApiError('invalid_input', `Nothing was saved: the export was refused. ${errors.map(formatNote).join(' ')}`, { notes: outcome.notes });
      }
      if (!input.path && input.file === null) throw new ApiError('invalid_input', 'The pipeline is not saved: choose where to write the export.');
      const path = input.path ?? defaultExportPath(input.file, outcome.fileName, '');
      const bytes = await writeExport(path, outcome.yaml, input.overwrite);
      return { path, bytes, notes: outcome.notes };
    },
    'exports.kubeContexts': async () => {
      const files = kubeconfigFiles(env);
      if (files.length === 0) return { file: null, current: null, contexts: [], problem: 'No kubeconfig: set KUBECONFIG or create ~/.kube/config.' };
      try {
        const { config } = loadKubeConfig(env);
        return { file: files.join(', '), current: config.getCurrentContext() || null, contexts: listContexts(config), problem: null };
      } catch (error) {
        return { file: files.join(', '), current: null, contexts: [], problem: (error as Error).message };
      }
    },
    'exports.submit': async (input) => submitPipeline(input, env),
    'exports.follow': async (input, sink, signal) => {
      const { config } = loadKubeConfig(env);
      const target = useContext(config, input.context, input.namespace);
      await followWorkflow(target.config, target.namespace, input.name, (event) => sink.next(event), signal, { logs: input.logs });
    },
  };
}
