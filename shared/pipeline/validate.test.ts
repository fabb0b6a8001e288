import { describe, expect, it } from 'vitest';
import { formatProblem } from './problems.ts';
import { parsePipeline } from './validate.ts';

const header = `apiVersion: benchtop/v1
kind: Pipeline
metadata:
  name: demo
`;

function problemsOf(text: string): string[] {
  const result = parsePipeline(text);
  if (result.ok) return [];
  return result.problems.map((p) => formatProblem('p.yaml', p));
}

describe('parsePipeline', () => {
  it('accepts a valid pipeline and applies defaults', () => {
    const result = parsePipeline(`${header}params:
  n: { type: int, default: 3 }
steps:
  pull:
    image: busybox
    command: [sh, -c, 'echo \${params.n} > /out/n']
    outputs:
      params: { n: { path: /out/n, default: "0" } }
      artifacts: { raw: { path: /data } }
  train:
    image: busybox
    command: [echo, '\${steps.pull.outputs.params.n}']
    depends: [pull]
    when: "\${params.n} > 2"
    inputs:
      artifacts: { raw: { from: steps.pull.outputs.artifacts.raw, path: /in } }
schedule:
  cron: ["0 3 * * *"]
  timezone: Europe/Paris
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.spec.failFast).toBe(false);
    expect(result.spec.steps.train.trigger).toBe('all_success');
    expect(result.spec.schedule?.concurrency).toBe('Forbid');
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problemsOf(`${header}steps:\n  a: [unclosed\n`)[0]).toMatch(/^p\.yaml:\d+:\d+: .*Fix the YAML syntax here\.$/);
  });

  it('reports duplicate keys', () => {
    expect(problemsOf(`${header}metadata:\n  name: again\nsteps: {}\n`)[0]).toMatch(/^p\.yaml:5:1: .*unique/i);
  });

  it('maps schema errors to the key that is wrong', () => {
    const problems = problemsOf(`${header}colour: red
steps:
  Bad_Name:
    image: busybox
    command: [true]
  ok:
    command: echo
    retry:
      limit: -1
`);
    expect(problems).toContain('p.yaml:5:1: Unknown field "colour" in the top level: check its spelling against the pipeline schema (resources/schemas/pipeline.schema.json).');
    expect(problems.some((p) => p.startsWith('p.yaml:7:3: The name "Bad_Name" is not valid: A step name uses lowercase letters'))).toBe(true);
    expect(problems).toContain('p.yaml:10:3: "steps.ok.image" is required.');
    expect(problems).toContain('p.yaml:11:5: "steps.ok.command" must be an array, not string.');
    expect(problems).toContain('p.yaml:13:7: "steps.ok.retry.limit": must be >=0.');
  });

  it('checks name lengths', () => {
    const long = 'a'.repeat(53);
    expect(problemsOf(`apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${long}\nsteps:\n  ${'s'.repeat(64)}:\n    image: x\n    command: [x]\n`)).toEqual([
      'p.yaml:4:3: "metadata.name": A pipeline name has at most 52 characters (so that a CronWorkflow name fits on export).',
      'p.yaml:6:3: The name "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss" is not valid: A step name has at most 63 characters.',
    ]);
  });

  it('names the cycle and points at the dependency that closes it', () => {
    const problems = problemsOf(`${header}steps:
  a:
    image: x
    command: [x]
    depends: [c]
  b:
    image: x
    command: [x]
    depends: [a]
  c:
    image: x
    command: [x]
    depends: [b]
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^p\.yaml:\d+:\d+: Steps form a cycle: (a → b → c → a|b → c → a → b|c → a → b → c)\. Remove one of these dependencies\.$/);
  });

  it('reports an unknown step in depends, a missing artifact and unknown placeholders', () => {
    const problems = problemsOf(`${header}params:
  lr: { type: float, default: 0.1 }
steps:
  a:
    image: x
    command: [x]
    outputs:
      artifacts: { model: { path: /m } }
  b:
    image: x
    command: [train, '--lr=\${params.rate}', '\${steps.a.outputs.params.auc}', '\${oops}']
    depends: [a, ghost]
    inputs:
      artifacts:
        data: { from: steps.a.outputs.artifacts.dataset, path: /in }
`);
    expect(problems).toEqual([
      'p.yaml:15:22: ${params.rate} names an unknown param "rate": declare it under params (declared: lr).',
      'p.yaml:15:45: ${steps.a.outputs.params.auc}: step "a" declares no output param "auc"; declare it under steps.a.outputs.params.',
      'p.yaml:15:78: ${oops} is not a placeholder Benchtop knows: write ${params.NAME} or ${steps.STEP.outputs.params.NAME}.',
      'p.yaml:16:18: Step "b" depends on "ghost", which is not a step of this pipeline. Known steps: a, b.',
      'p.yaml:19:17: Step "a" has no output artifact "dataset" (it declares: model): declare it under steps.a.outputs.artifacts.',
    ]);
  });

  it('requires a dependency on a step whose outputs are read', () => {
    const problems = problemsOf(`${header}steps:
  a:
    image: x
    command: [x]
    outputs: { params: { n: { path: /n } } }
  b:
    image: x
    command: [echo, '\${steps.a.outputs.params.n}']
`);
    expect(problems).toEqual(['p.yaml:12:21: ${steps.a.outputs.params.n} reads an output of "a" but step "b" does not wait for it: add "a" to its depends.']);
  });

  it('rejects a bad cron, a bad time zone and a broken when', () => {
    const problems = problemsOf(`${header}steps:
  a:
    image: x
    command: [x]
    when: "x == && y"
schedule:
  cron: ["0 3 * * *", "61 * * * *"]
  timezone: Mars/Olympus
`);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('p.yaml:9:5: The when expression of "a" is not valid: "&&" needs a value before it.');
    expect(problems[1]).toMatch(/^p\.yaml:11:23: "61 \* \* \* \*" is not a valid cron expression \(.+\): write five fields/);
    expect(problems[2]).toBe('p.yaml:12:3: "Mars/Olympus" is not an IANA time zone: write one such as Europe/Paris, America/New_York or UTC.');
  });

  it('checks param defaults against their type', () => {
    expect(problemsOf(`${header}params:\n  n: { type: int, default: many }\nsteps:\n  a: { image: x, command: [x] }\n`)).toEqual([
      'p.yaml:6:19: "many" is not a whole number (param "n" has type int).',
    ]);
  });
});
