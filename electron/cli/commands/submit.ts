import { resolve } from 'node:path';
import type { FollowEvent } from '../../../shared/api/methods/exports.ts';
import { formatNote } from '../../core/exports/export-notes.ts';
import { followWorkflow, loadKubeConfig, useContext } from '../../core/exports/kube-cluster.ts';
import { submitPipeline } from '../../core/exports/submit.ts';
import { CliError, type Command } from '../command.ts';
import { paramsFrom } from './run.ts';
import { readPipelineFile } from './export.ts';

const EXIT_CODES: Record<string, number> = { Succeeded: 0, Failed: 1, Error: 1 };

const submit: Command = {
  name: 'submit',
  group: 'Export',
  usage: 'benchtop submit FILE --context NAME [--namespace NS] [--param NAME=VALUE]… [--artifact-repository-ref NAME[:KEY]] [--no-follow] [--no-logs] [--json]',
  summary: 'Run a pipeline as an Argo Workflow on a cluster, and follow it',
  description:
    'Creates one Workflow on the cluster of a kubeconfig context (KUBECONFIG, else ~/.kube/config), then prints a line per node phase change and each pod log until it ends. Exit 0 when it succeeded, 1 when it failed, 130 on Ctrl-C (it keeps running).',
  flags: [
    { name: 'context', value: 'NAME', description: 'The kubeconfig context (required).' },
    { name: 'namespace', value: 'NS', description: 'The namespace.', default: "the context's, else default" },
    { name: 'param', value: 'NAME=VALUE', repeatable: true, description: 'A pipeline parameter.' },
    { name: 'artifact-repository-ref', value: 'NAME[:KEY]', description: 'The artifact repository ConfigMap (and key).' },
    { name: 'no-follow', description: 'Create it and exit.' },
    { name: 'no-logs', description: 'Follow phases but print no pod logs.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  args: ['file'],
  examples: [
    { command: 'benchtop submit pipeline.yaml --context prod --param rows=1000', description: 'Submit and follow it.' },
    { command: 'benchtop submit pipeline.yaml --context kind-dev --no-follow --json', description: 'Submit, print the workflow as JSON, exit.' },
  ],
  json: 'name, namespace, context, uid, notes; after following also phase and events (workflow, node, log).',
  async run({ args, flags, io, signal }) {
    if (args.length < 1) throw new CliError('Name a pipeline file: benchtop submit FILE --context NAME.', 2);
    if (args.length > 1) throw new CliError(`Unexpected ${JSON.stringify(args[1])}: pass params as --param NAME=VALUE.`, 2);
    if (typeof flags.context !== 'string') throw new CliError('Name the kubeconfig context to submit to: --context NAME (see `kubectl config get-contexts`).', 2);
    const file = args[0];
    const params = paramsFrom(flags);
    const text = await readPipelineFile(file);
    const submitted = await submitPipeline(
      {
        text,
        file: resolve(file),
        context: flags.context,
        namespace: typeof flags.namespace === 'string' ? flags.namespace : undefined,
        artifactRepositoryRef: typeof flags['artifact-repository-ref'] === 'string' ? flags['artifact-repository-ref'] : undefined,
        params,
      },
      io.env,
    );
    const { name, namespace, context } = submitted;
    const deleteHint = `kubectl delete workflow ${name} -n ${namespace} --context ${context}`;
    if (flags.json && flags['no-follow'] === true) {
      io.stdout.write(JSON.stringify(submitted, null, 2) + '\n');
      return 0;
    }
    for (const note of submitted.notes) if (note.severity === 'warning') io.stderr.write(`${formatNote(note)}\n`);
    if (!flags.json) io.stdout.write(`workflow ${name} created in namespace ${namespace} (context ${context})\n`);
    if (flags['no-follow'] === true) return 0;

    const { config } = loadKubeConfig(io.env);
    const target = useContext(config, context, namespace);
    const events: FollowEvent[] = [];
    const print = (event: FollowEvent) => {
      events.push(event);
      if (flags.json) return;
      if (event.type === 'workflow') io.stdout.write(`${event.at.slice(11, 19)} workflow ${event.phase}${event.message ? `: ${event.message}` : ''}\n`);
      else if (event.type === 'node') io.stdout.write(`${event.at.slice(11, 19)} ${event.displayName} ${event.phase}${event.message ? `: ${event.message}` : ''}\n`);
      else io.stdout.write(event.text.replace(/\n$/, '').split('\n').map((line) => `  ${event.displayName} | ${line}\n`).join(''));
    };
    const phase = await followWorkflow(target.config, target.namespace, name, print, signal, { logs: flags['no-logs'] !== true });
    if (flags.json) io.stdout.write(JSON.stringify({ ...submitted, phase, events }, null, 2) + '\n');
    if (phase === null) {
      io.stderr.write(`Stopped following. Workflow ${name} keeps running on the cluster; delete it with: ${deleteHint}\n`);
      return 130;
    }
    if (!flags.json) io.stdout.write(`workflow ${name} ${phase}\n`);
    return EXIT_CODES[phase] ?? 1;
  },
};

export default submit;
