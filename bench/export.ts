/**
 * Exports a generated 200-step pipeline to Argo (parse, map, validate with the Argo models and our
 * lint, write YAML) and compares it with YAML-serialising the same input, in the same run.
 * Ends with `export: ratio=R target<=50`: the export does a parse, a schema check, a semantic
 * check, a model validation (Ajv) and a lint over several times as much output, so tens of
 * YAML serialisations are fair; 50 leaves room, and above it a user would notice on big pipelines.
 */
import { parse, stringify } from 'yaml';
import { exportPipeline } from '../electron/core/exports/export-pipeline.ts';
import { median } from './support/median.ts';

const STEPS = 200;
const REPETITIONS = 15;

/** Layers of 10 steps; each step waits for 1–3 of the layer before it, with params, outputs, artifacts, retries and triggers. */
function generatedPipeline(): string {
  const triggers = ['all_success', 'all_done', 'all_done_min_one_success', 'none_failed'];
  const lines = ['apiVersion: benchtop/v1', 'kind: Pipeline', 'metadata: { name: bench-export }', 'params:', '  image: { default: busybox:1.36 }', '  rows: { type: int, default: 100 }', 'steps:'];
  for (let i = 0; i < STEPS; i++) {
    const layer = Math.floor(i / 10);
    const upstream = layer === 0 ? [] : [0, 3, 7].slice(0, 1 + (i % 3)).map((k) => `s${(layer - 1) * 10 + ((i + k) % 10)}`);
    lines.push(`  s${i}:`, '    image: ${params.image}', '    command: [sh, -c]');
    const reads = upstream.length > 0 ? ` ${upstream.map((u) => `\${steps.${u}.outputs.params.n}`).join(' ')}` : '';
    lines.push(`    args: ['echo \${params.rows}${reads} > /out/n && mkdir -p /data && echo ${i} > /data/x']`);
    if (upstream.length > 0) {
      lines.push(`    depends: [${[...new Set(upstream)].join(', ')}]`, `    trigger: ${triggers[i % 4]}`);
      lines.push(`    inputs: { artifacts: { data: { from: steps.${upstream[0]}.outputs.artifacts.data, path: /in } } }`);
    }
    lines.push("    outputs: { params: { n: { path: /out/n, default: '0' } }, artifacts: { data: { path: /data } } }");
    if (i % 5 === 0) lines.push('    retry: { limit: 2, backoff: { duration: 5s, factor: 2 } }', '    resources: { cpu: 1, memory: 1g }');
  }
  return lines.join('\n') + '\n';
}

function timeOf(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

const text = generatedPipeline();
const input: unknown = parse(text);
const first = exportPipeline({ target: 'argo', text, file: null });
if (first.yaml === null) throw new Error(`the generated pipeline did not export: ${JSON.stringify(first.notes.filter((n) => n.severity === "error").slice(0, 3))}`);
// Warm up both paths (JIT, the Ajv validator's first compile).
for (let i = 0; i < 3; i++) {
  stringify(input);
  exportPipeline({ target: 'argo', text, file: null });
}
const exportMs: number[] = [];
const serialiseMs: number[] = [];
for (let i = 0; i < REPETITIONS; i++) {
  serialiseMs.push(timeOf(() => stringify(input)));
  exportMs.push(timeOf(() => exportPipeline({ target: 'argo', text, file: null })));
}
const github = median(Array.from({ length: 5 }, () => timeOf(() => exportPipeline({ target: 'github-actions', text, file: null }))));
const ratio = median(exportMs) / median(serialiseMs);
console.log(`input: ${STEPS} steps, ${text.length} bytes; Argo export: ${first.yaml.length} bytes, ${first.notes.length} notes`);
console.log(`YAML-serialise the input: median ${median(serialiseMs).toFixed(1)} ms [${serialiseMs.map((t) => t.toFixed(1)).join(', ')}]`);
console.log(`export to Argo (parse + validate + map + Argo models + lint + YAML): median ${median(exportMs).toFixed(1)} ms [${exportMs.map((t) => t.toFixed(1)).join(', ')}]`);
console.log(`export to GitHub Actions: median ${github.toFixed(1)} ms`);
console.log(`export: ratio=${ratio.toFixed(2)} target<=50`);
