import { describe, expect, it } from 'vitest';
import type { ArgoObject } from './argo-export.ts';
import { dependsExpression, exportToArgo, workflowFromTemplate } from './argo-export.ts';
import { lintArgo } from './argo-lint.ts';
import { ExportNotes } from './export-notes.ts';
import { exportPipeline } from './export-pipeline.ts';
import { utcCron } from './github-export.ts';
import { parsePipeline } from '../../../shared/pipeline/validate.ts';

const pipeline = (steps: string, extra = '') => `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: demo\n${extra}steps:\n${steps}`;
const simple = pipeline('  a:\n    image: busybox\n    command: [echo, hi]\n');

function argoOf(text: string): ArgoObject[] {
  const parsed = parsePipeline(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const out = exportToArgo(parsed.spec, {}, new ExportNotes());
  return [out.workflowTemplate, ...(out.cronWorkflow ? [out.cronWorkflow] : [])];
}

describe('trigger rules → depends', () => {
  it('builds each rule as docs/ARCHITECTURE.md §6.3 says', () => {
    expect(dependsExpression('all_success', ['a', 'b'])).toBe('a.Succeeded && b.Succeeded');
    expect(dependsExpression('all_done', ['a'])).toBe('(a.Succeeded || a.Failed || a.Errored || a.Skipped || a.Omitted)');
    expect(dependsExpression('all_done_min_one_success', ['a', 'b'])).toBe(
      '(a.Succeeded || a.Failed || a.Errored || a.Skipped || a.Omitted) && (b.Succeeded || b.Failed || b.Errored || b.Skipped || b.Omitted) && (a.Succeeded || b.Succeeded)',
    );
    expect(dependsExpression('none_failed', ['a', 'b'])).toBe('(a.Succeeded || a.Skipped) && (b.Succeeded || b.Skipped)');
  });
});

describe('refusals and warnings name the step and field', () => {
  it('escapes literal double braces as expression tags that yield them, and says so', () => {
    const result = exportPipeline({ target: 'argo', text: pipeline("  a:\n    image: busybox\n    command: [python3, -c]\n    args: ['print(f\"{{x}} ${params.p}\")']\n", 'params:\n  p: { default: v }\n'), file: null });
    expect(result.notes).toContainEqual(expect.objectContaining({ severity: 'warning', step: 'a', field: 'args[0]' }));
    expect(result.yaml).toContain(`- print(f"{{='{' + '{'}}x{{='}' + '}'}} {{workflow.parameters.p}}")`);
  });

  it("refuses a when that reads a Benchtop monitor's result, which a cluster cannot see", () => {
    const result = exportPipeline({ target: 'argo', text: pipeline('  a:\n    image: busybox\n    command: [echo, hi]\n    when: "monitors.credit.drift_share > 0.3"\n'), file: null });
    expect(result.notes).toContainEqual(expect.objectContaining({ severity: 'error', step: 'a', field: 'when' }));
    expect(result.yaml).toBeNull();
    const github = exportPipeline({ target: 'github-actions', text: pipeline('  a:\n    image: busybox\n    command: [echo, hi]\n    when: "monitors.credit.drift_share > 0.3"\n'), file: null });
    expect(github.notes).toContainEqual(expect.objectContaining({ severity: 'warning', step: 'a', field: 'when' }));
    expect(github.yaml).not.toBeNull();
  });

  it('refuses an invalid Kubernetes label and a bad artifact repository ref', () => {
    const labelled = exportPipeline({ target: 'argo', text: simple.replace('  name: demo\n', '  name: demo\n  labels: { "bad key!": x }\n'), file: null });
    expect(labelled.notes).toContainEqual(expect.objectContaining({ severity: 'error', step: null, field: 'metadata.labels.bad key!' }));
    const ref = exportPipeline({ target: 'argo', text: simple, file: null, artifactRepositoryRef: 'Not_A_Name' });
    expect(ref.yaml).toBeNull();
    expect(ref.notes).toEqual([expect.objectContaining({ severity: 'error', field: 'artifactRepositoryRef' })]);
  });

  it('turns pipeline problems into errors with file:line:column, and refuses more than 10 GitHub inputs', () => {
    const broken = exportPipeline({ target: 'argo', text: pipeline('  a:\n    image: busybox\n    command: [echo]\n    depends: [ghost]\n'), file: '/x/p.yaml' });
    expect(broken.yaml).toBeNull();
    expect(broken.notes).toEqual([expect.objectContaining({ severity: 'error', step: 'a', field: 'depends.0', message: expect.stringMatching(/^\/x\/p\.yaml:9:15: Step "a" depends on "ghost"/) })]);
    const params = Array.from({ length: 11 }, (_, i) => `  p${i}: { default: x }\n`).join('');
    const many = exportPipeline({ target: 'github-actions', text: simple.replace('steps:\n', `params:\n${params}steps:\n`), file: null });
    expect(many.yaml).toBeNull();
    expect(many.notes).toContainEqual(expect.objectContaining({ severity: 'error', field: 'params' }));
  });

  it('warns about model/features catalog registration, fractional backoff factors, pools and missing defaults', () => {
    const text = pipeline(
      [
        '  a:',
        '    image: busybox',
        '    command: [echo]',
        '    pool: slow',
        '    retry: { limit: 2, backoff: { duration: 1s, factor: 1.5 } }',
        '    outputs:',
        '      artifacts: { out: { path: /out } }',
        '      params: { p: { path: /p } }',
        '      model: { name: m, path: /out/model }',
        '  b:',
        '    image: busybox',
        '    command: [echo, "${steps.a.outputs.params.p}"]',
        '    depends: [a]',
        '    trigger: all_done',
        '',
      ].join('\n'),
    );
    const fields = exportPipeline({ target: 'argo', text, file: null }).notes.map((n) => `${n.severity} ${n.step} ${n.field}`);
    expect(fields).toEqual(expect.arrayContaining(['warning a outputs.model', 'warning a retry.backoff.factor', 'warning a pool', 'warning a outputs.params.p.default']));
  });
});

describe('own lint catches what the models do not', () => {
  const base = () => structuredClone(argoOf(pipeline('  a:\n    image: busybox\n    command: [echo, "${params.x}"]\n  b:\n    image: busybox\n    command: [echo]\n    depends: [a]\n', 'params:\n  x: { default: "1" }\n'))[0]);
  type Spec = { templates: { name: string; dag?: { tasks: Record<string, unknown>[] }; container?: { args?: string[]; command: string[] } }[]; arguments: { parameters: { name: string }[] } };

  it('passes a clean export', () => {
    expect(lintArgo([base()])).toEqual([]);
  });
  it('reports depends beside dependencies, an unknown template, an unresolved placeholder and a bad depends', () => {
    const template = base();
    const spec = template.spec as Spec;
    const tasks = spec.templates[0].dag?.tasks ?? [];
    tasks[1].dependencies = ['a'];
    tasks[0].template = 'nowhere';
    spec.templates[1].container?.command.push('{{workflow.parameters.y}}', '{{inputs.parameters.z}}');
    const problems = lintArgo([template]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'WorkflowTemplate demo: spec.templates[0].dag.tasks[1]: uses both depends and dependencies; Argo accepts only one of them.',
        'WorkflowTemplate demo: spec.templates[0].dag.tasks[0].template: "nowhere" names no template.',
        'WorkflowTemplate demo: spec.templates[1].container.command[2]: {{workflow.parameters.y}} names workflow parameter "y", which spec.arguments does not declare.',
        'WorkflowTemplate demo: spec.templates[1].container.command[3]: {{inputs.parameters.z}} names input parameter "z", which the template does not declare.',
      ]),
    );
    tasks[1].dependencies = undefined;
    tasks[1].depends = 'a.Finished && (';
    expect(lintArgo([template]).join('\n')).toMatch(/"Finished" is not a task result Argo knows/);
  });
  it('reports names over the limits (CronWorkflow 52, Workflow 63) and non-DNS names, and a schema error from the models', () => {
    const [template, cron] = argoOf(simple.replace('steps:', 'schedule: { cron: ["0 3 * * *"] }\nsteps:'));
    const long = 'x'.repeat(53);
    expect(lintArgo([{ ...cron, metadata: { name: long } }])).toContain(`CronWorkflow ${long}: metadata.name: "${long}" has 53 characters; a CronWorkflow name has at most 52.`);
    expect(lintArgo([{ ...template, metadata: { name: 'x'.repeat(64) } }]).join('\n')).toMatch(/has 64 characters; a WorkflowTemplate name has at most 63/);
    expect(lintArgo([{ ...template, metadata: { name: 'Bad_Name' } }])).toContain('WorkflowTemplate Bad_Name: metadata.name: "Bad_Name" is not a DNS-1123 name (lowercase letters, digits, "-" and ".").');
    const broken = structuredClone(template);
    ((broken.spec as Spec).templates[0].dag?.tasks ?? [])[0].depends = 42;
    expect(lintArgo([broken])).toContain('WorkflowTemplate demo: schema: spec/templates/0/dag/tasks/0/depends must be string');
  });
  it('a submitted Workflow keeps the spec, sets the run params and a generateName', () => {
    const workflow = workflowFromTemplate(base(), { x: '42' });
    expect(workflow.metadata).toMatchObject({ generateName: 'demo-' });
    expect(workflow.metadata.name).toBeUndefined();
    expect((workflow.spec as Spec).arguments.parameters).toEqual([{ name: 'x', value: '42' }]);
    expect(lintArgo([workflow])).toEqual([]);
  });
});

describe('Argo item limits', () => {
  const chain = (count: number) => pipeline(Array.from({ length: count }, (_, i) => `  s${i}:\n    image: busybox\n    command: [echo, "\${params.x}"]\n${i > 0 ? `    depends: [s${i - 1}]\n` : ''}    outputs: { params: { n: { path: /n } } }\n`).join(''), 'params:\n  x: { default: "1" }\n');

  it('moves the step templates inline when one per step would pass 200 templates; refuses past 200 tasks', () => {
    const fits = exportPipeline({ target: 'argo', text: chain(200), file: null });
    expect(fits.notes.filter((n) => n.severity === 'error')).toEqual([]);
    const spec = fits.argo?.workflowTemplate.spec as { templates: { dag?: { tasks: { inline?: { container: { command: string[] } }; template?: string }[] } }[] };
    expect(spec.templates).toHaveLength(1);
    expect(spec.templates[0].dag?.tasks[199].inline?.container.command).toEqual(['echo', '{{workflow.parameters.x}}']);
    expect(exportPipeline({ target: 'argo', text: chain(199), file: null }).argo?.workflowTemplate.spec).toMatchObject({ templates: expect.objectContaining({ length: 200 }) });
    const refused = exportPipeline({ target: 'argo', text: chain(201), file: null });
    expect(refused.yaml).toBeNull();
    expect(refused.notes).toContainEqual(expect.objectContaining({ severity: 'error', step: null, field: 'steps', message: expect.stringMatching(/at most 200 tasks in one DAG and this pipeline has 201 steps/) }));
  });
});

describe('GitHub cron in UTC', () => {
  it('shifts plain times by the zone offset and says so; leaves what it cannot shift, with a warning', () => {
    const notes = new ExportNotes();
    expect(utcCron('0 3 * * *', 'UTC', 0, notes)).toBe('0 3 * * *');
    expect(notes.list).toEqual([]);
    expect(utcCron('0 3 * * *', undefined, 0, notes)).toBe('0 3 * * *');
    expect(utcCron('30 2 * * *', 'Asia/Kolkata', 1, notes)).toBe('0 21 * * *');
    expect(utcCron('0 1 * * 1', 'Europe/Paris', 2, notes)).toBe('0 1 * * 1');
    expect(notes.list.map((n) => n.field)).toEqual(['schedule.cron[0]', 'schedule.cron[1]', 'schedule.cron[2]']);
    expect(notes.list[0].message).toMatch(/No timezone: GitHub runs "0 3 \* \* \*" in UTC/);
    expect(notes.list[1].message).toBe('GitHub runs schedules in UTC: "30 2 * * *" in Asia/Kolkata is exported as "0 21 * * *".');
    expect(notes.list[2].message).toMatch(/cannot be shifted from Europe\/Paris/);
  });
});
