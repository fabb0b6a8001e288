import type { outputMethods } from '../../../shared/api/methods/outputs.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import { previewFile } from './file-preview.ts';
import type { OutputFiles } from './output-files.ts';

export function createOutputHandlers(outputs: OutputFiles): HandlersFor<keyof typeof outputMethods> {
  return {
    'outputs.stepArtifacts': ({ runId, step }) => outputs.stepArtifacts(runId, step),
    'outputs.preview': async ({ file, maxBytes, maxRows }) => {
      const resolved = await outputs.resolve(file);
      return previewFile(resolved.path, resolved.fileName, { maxBytes, maxRows });
    },
  };
}
