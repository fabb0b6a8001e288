import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../validate.ts';
import { addDependency, removeDependency } from './dependency-edits.ts';
import { readPipelineGraph } from './pipeline-graph.ts';
import { addStep, dependentsOf, removeStep, renameStep, setStepField, setStepValue } from './step-edits.ts';
import { PipelineEditError } from './yaml-document.ts';

/** resources/examples/busybox-select/pipeline.yaml as of issue 7 (shared/ tests read no files). */
const example = `# The shape of "pull, features, train two models, select the better one" with busybox steps, so it
# runs offline anywhere: \`benchtop run resources/examples/busybox-select/pipeline.yaml\`.
# Each trainer registers a version of the model "busybox-scorer" in the catalog (benchtop models
# show busybox-scorer); select copies the winner's files and moves the alias "champion" to it.
# yaml-language-server: $schema=../../schemas/pipeline.schema.json
apiVersion: benchtop/v1
kind: Pipeline
metadata:
  name: busybox-select
  description: Two "trainers" score the same data; select keeps the better one.
params:
  image: { default: benchtop-test/busybox, description: "Any image with busybox sh, seq and awk." }
  rows: { type: int, default: 100 }
defaults:
  env:
    # An MLflow-style MLmodel file, so that the catalog shows the model's signature.
    MLMODEL: |
      flavors:
        python_function: { loader_module: benchtop.example }
      signature:
        inputs: '[{"type": "long", "name": "square", "required": true}]'
        outputs: '[{"type": "double", "required": true}]'
steps:
  pull:
    image: \${params.image}
    command: [sh, -c]
    args: ['seq \${params.rows} > /data/rows.txt']
    outputs:
      artifacts: { raw: { path: /data } }
  features:
    image: \${params.image}
    depends: [pull]
    command: [sh, -c]
    args: ['echo row_id,square,event_time > /features/table.csv && awk ''{ printf "%d,%d,2026-01-%02dT00:00:00Z\\n", $1, $1 * $1, ($1 % 28) + 1 }'' /in/rows.txt >> /features/table.csv']
    inputs:
      artifacts: { raw: { from: steps.pull.outputs.artifacts.raw, path: /in } }
    outputs:
      artifacts: { table: { path: /features } }
      features:
        name: busybox-rows
        path: /features/table.csv
        entity: row_id
        eventTime: event_time
        owner: examples
        description: Each row number and its square.
  train-a:
    image: \${params.image}
    depends: [features]
    command: [sh, -c]
    args: ['mkdir -p /out && echo 0.81 > /out/score && echo "{\\"score\\": 0.81, \\"loss\\": 0.42}" > /out/metrics.json && printf "%s" "$MLMODEL" > /model/MLmodel && echo "weights of a" > /model/weights.txt']
    inputs:
      artifacts: { table: { from: steps.features.outputs.artifacts.table, path: /in } }
    outputs:
      artifacts: { model: { path: /model } }
      model: { name: busybox-scorer, path: /model, description: 'Candidate **a**: scores 0.81.' }
      params: { score: { path: /out/score, default: '0' } }
      metrics: { path: /out/metrics.json }
  train-b:
    image: \${params.image}
    depends: [features]
    command: [sh, -c]
    args: ['mkdir -p /out && echo 0.87 > /out/score && echo "{\\"score\\": 0.87, \\"loss\\": 0.35}" > /out/metrics.json && printf "%s" "$MLMODEL" > /model/MLmodel && echo "weights of b" > /model/weights.txt']
    retry: { limit: 1, backoff: { duration: 1s } }
    inputs:
      artifacts: { table: { from: steps.features.outputs.artifacts.table, path: /in } }
    outputs:
      artifacts: { model: { path: /model } }
      model: { name: busybox-scorer, path: /model, description: 'Candidate **b**: scores 0.87.' }
      params: { score: { path: /out/score, default: '0' } }
      metrics: { path: /out/metrics.json }
  select:
    image: \${params.image}
    depends: [train-a, train-b]
    command: [sh, -c]
    # Copies the winner's files: identical content from this run, so the catalog moves "champion" to that version.
    args: ['if awk "BEGIN { exit !(\${steps.train-a.outputs.params.score} >= \${steps.train-b.outputs.params.score}) }"; then w=a; else w=b; fi; cp /candidates/$w/* /model/ && echo train-$w']
    inputs:
      artifacts:
        a: { from: steps.train-a.outputs.artifacts.model, path: /candidates/a }
        b: { from: steps.train-b.outputs.artifacts.model, path: /candidates/b }
    outputs:
      artifacts: { model: { path: /model } }
      model: { name: busybox-scorer, path: /model, aliases: [champion] }
`;

const commented = `# top comment
apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: demo }
steps:
  # the first step
  prepare:
    image: busybox # inline image comment
    command: [sh, -c]
    args: ['echo hi']
  train:
    depends: [prepare] # waits for prepare
    image: busybox
    command: [sh, -c, 'echo train']
    env:
      # a comment inside env
      SEED: '1'
  report:
    image: busybox
    depends:
      - train
    command: [sh, -c, 'echo \${steps.train.outputs.params.score}']
`;

const keysOf = (text: string, step: string) => {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === `  ${step}:`);
  const keys: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('    ')) break;
    const match = /^ {4}([a-z]+):/.exec(line);
    if (match) keys.push(match[1]);
  }
  return keys;
};

describe('pipeline edits keep comments and order', () => {
  it('sets a scalar field in place, keeping its inline comment and every other comment', () => {
    const out = setStepField(commented, 'prepare', 'image', 'benchtop-test/busybox');
    expect(out).toContain('    image: benchtop-test/busybox # inline image comment');
    for (const comment of ['# top comment', '# the first step', '# waits for prepare', '# a comment inside env']) expect(out).toContain(comment);
    expect(keysOf(out, 'prepare')).toEqual(['image', 'command', 'args']);
    expect(out.split('\n').length).toBe(commented.split('\n').length);
  });

  it('replaces a list keeping its flow style and puts a new key at its canonical place', () => {
    let out = setStepField(commented, 'prepare', 'args', ['echo bye', 'x']);
    expect(out).toContain('    args: [echo bye, x]\n');
    out = setStepField(out, 'prepare', 'retry', { limit: 2 });
    out = setStepField(out, 'prepare', 'trigger', 'all_done');
    expect(keysOf(out, 'prepare')).toEqual(['image', 'trigger', 'command', 'args', 'retry']);
    expect(out).toContain('# inline image comment');
  });

  it('removes a field with undefined', () => {
    const out = setStepField(commented, 'train', 'env', undefined);
    expect(keysOf(out, 'train')).toEqual(['depends', 'image', 'command']);
    expect(out).not.toContain('SEED');
    expect(out).toContain('# waits for prepare');
  });

  it('adds and removes dependencies in flow and block lists', () => {
    let out = addDependency(commented, 'report', 'prepare');
    expect(out).toContain('    depends:\n      - train\n      - prepare\n');
    out = addDependency(out, 'prepare', 'train');
    expect(out).toMatch(/ {2}prepare:\n {4}image: busybox # inline image comment\n {4}depends: \[train\]\n/);
    expect(addDependency(out, 'report', 'prepare')).toBe(out);
    out = removeDependency(out, 'train', 'prepare');
    expect(keysOf(out, 'train')).toEqual(['image', 'command', 'env']);
    expect(() => addDependency(commented, 'report', 'ghost')).toThrow(/no step "ghost"/);
    expect(() => addDependency(commented, 'report', 'report')).toThrow(PipelineEditError);
  });

  it('adds a step that validates, and removes one with the depends naming it', () => {
    const added = addStep(example, { name: 'publish', image: 'benchtop-test/busybox', command: ['sh', '-c', 'echo done'], depends: ['select'] });
    expect(added.startsWith(example.trimEnd())).toBe(true);
    expect(added).toContain('  publish:\n    image: benchtop-test/busybox\n    depends: [select]\n    command: [sh, -c, echo done]\n');
    expect(parsePipeline(added).ok).toBe(true);
    expect(() => addStep(example, { name: 'pull', image: 'x', command: ['y'] })).toThrow(/already exists/);
    expect(() => addStep(example, { name: 'Bad_Name', image: 'x', command: ['y'] })).toThrow(/not a valid step name/);

    expect(dependentsOf(example, 'features').sort()).toEqual(['train-a', 'train-b']);
    const removed = removeStep(commented, 'prepare');
    expect(removed).not.toContain('prepare:');
    expect(keysOf(removed, 'train')).toEqual(['image', 'command', 'env']);
    expect(removed).toContain('# top comment');
  });

  it('renames a step and every reference to it', () => {
    const out = renameStep(example, 'train-a', 'train-alpha');
    expect(out).toContain('  train-alpha:\n');
    expect(out).toContain('depends: [train-alpha, train-b]');
    expect(out).toContain('${steps.train-alpha.outputs.params.score}');
    expect(out).toContain('# The shape of "pull, features');
    expect(parsePipeline(out).ok).toBe(true);
    const graph = readPipelineGraph(out);
    expect(graph?.steps.map((s) => s.name)).toEqual(['pull', 'features', 'train-alpha', 'train-b', 'select']);
  });

  it('changes only the edited line of the example file', () => {
    const before = example.split('\n');
    const after = setStepField(example, 'train-b', 'image', 'benchtop-test/python-ml').split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual(['    image: benchtop-test/python-ml']);
  });

  it('sets and removes nested values, keeping flow maps and sibling keys', () => {
    let out = setStepValue(example, 'train-b', ['retry', 'limit'], 3);
    expect(out).toContain('    retry: { limit: 3, backoff: { duration: 1s } }\n');
    out = setStepValue(out, 'train-b', ['resources', 'gpu'], 1);
    expect(out).toContain('      metrics: { path: /out/metrics.json }\n    resources: { gpu: 1 }\n  select:');
    expect(readPipelineGraph(out)?.steps.find((s) => s.name === 'train-b')?.gpu).toBe(1);
    out = setStepValue(out, 'train-b', ['resources', 'gpu'], undefined);
    expect(out).not.toContain('resources:');
    out = setStepValue(commented, 'train', ['env', 'SEED'], '2');
    expect(out).toContain("      # a comment inside env\n      SEED: '2'");
    expect(parsePipeline(setStepValue(example, 'pull', ['cache', 'enabled'], false)).ok).toBe(true);
  });

  it('refuses text that is not YAML', () => {
    expect(() => setStepField('steps: [\n', 'a', 'image', 'x')).toThrow(/cannot be read \(line/);
  });
});

describe('readPipelineGraph', () => {
  it('reads depends and artifact edges from the example', () => {
    const graph = readPipelineGraph(example);
    expect(graph?.steps.map((s) => s.name)).toEqual(['pull', 'features', 'train-a', 'train-b', 'select']);
    expect(graph?.steps.find((s) => s.name === 'train-b')?.retryLimit).toBe(1);
    expect(graph?.edges.find((e) => e.id === 'a:train-a->select')?.label).toBe('model→a');
    const edges = graph?.edges.map((e) => `${e.kind}:${e.source}->${e.target}`).sort();
    expect(edges).toEqual(
      ['depends:pull->features', 'artifact:pull->features', 'depends:features->train-a', 'artifact:features->train-a', 'depends:features->train-b', 'artifact:features->train-b', 'depends:train-a->select', 'depends:train-b->select', 'artifact:train-a->select', 'artifact:train-b->select'].sort(),
    );
  });

  it('draws what it can of an invalid file and gives up on broken YAML', () => {
    expect(readPipelineGraph('steps:\n  a: { depends: [ghost, b] }\n  b: { resources: { gpu: 2 }, cache: false }\n')).toEqual({
      steps: [
        { name: 'a', image: '', depends: ['ghost', 'b'], gpu: 0, retryLimit: 0, cacheEnabled: true },
        { name: 'b', image: '', depends: [], gpu: 2, retryLimit: 0, cacheEnabled: false },
      ],
      edges: [{ id: 'd:b->a', source: 'b', target: 'a', kind: 'depends', label: null }],
    });
    expect(readPipelineGraph('steps: [\n')).toBeNull();
  });
});
