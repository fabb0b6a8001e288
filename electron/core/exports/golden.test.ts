// Golden exports: every pipeline under golden/ and resources/examples/ is exported to Argo and to
// GitHub Actions and compared with the file checked in beside it (reviewed by hand against
// docs/ARCHITECTURE.md §6). Each export also passes the validation exportPipeline runs before returning
// (Argo models + our lint; GitHub's workflow schema). UPDATE_GOLDEN=1 rewrites the files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ExportTarget } from '../../../shared/api/methods/exports.ts';
import type { ArgoObject } from './argo-export.ts';
import { lintArgo } from './argo-lint.ts';
import { formatNote } from './export-notes.ts';
import { exportPipeline } from './export-pipeline.ts';
import { validateGithubWorkflow } from './github-validate.ts';

const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../../resources/examples/', import.meta.url));
const inputs = [
  ...readdirSync(goldenDir).filter((f) => f.endsWith('.pipeline.yaml')).map((f) => ({ name: f.replace('.pipeline.yaml', ''), file: `${goldenDir}${f}` })),
  ...readdirSync(examplesDir)
    .filter((dir) => existsSync(`${examplesDir}${dir}/pipeline.yaml`))
    .map((dir) => ({ name: `example-${dir}`, file: `${examplesDir}${dir}/pipeline.yaml` })),
];
/** Exports refused on purpose: a `when` reading a Benchtop monitor cannot run on a cluster. */
const REFUSED: Record<string, RegExp> = { 'example-notebook-to-endpoint argo': /monitor's latest result .* a cluster cannot see/ };
const SUFFIX: Record<ExportTarget, string> = { argo: 'argo.yaml', 'github-actions': 'github-actions.yml' };

describe.each(inputs)('golden export of $name', ({ name, file }) => {
  it.each(['argo', 'github-actions'] as const)('%s', (target) => {
    const outcome = exportPipeline({ target, text: readFileSync(file, 'utf8'), file });
    const refusal = REFUSED[`${name} ${target}`];
    if (refusal) {
      expect(outcome.notes.filter((n) => n.severity === 'error').map((n) => n.message)).toEqual([expect.stringMatching(refusal)]);
      return;
    }
    expect(outcome.notes.filter((n) => n.severity === 'error')).toEqual([]);
    const output = `${outcome.yaml}\n# Notes:\n${outcome.notes.map((n) => `# ${formatNote(n)}`).join('\n')}\n`;
    const golden = `${goldenDir}${name}.${SUFFIX[target]}`;
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, output);
    expect(output, `${golden} differs: if the pipeline changed on purpose, run UPDATE_GOLDEN=1 npx vitest run electron/core/exports/golden.test.ts and review the diff against docs/ARCHITECTURE.md §6`).toBe(readFileSync(golden, 'utf8'));

    // The golden file itself, read back, passes the validation again.
    const documents = parseAllDocuments(readFileSync(golden, 'utf8')).map((d) => d.toJS() as ArgoObject);
    if (target === 'argo') expect(lintArgo(documents)).toEqual([]);
    else expect(validateGithubWorkflow(outcome.yaml ?? '')).toEqual([]);
  });
});
