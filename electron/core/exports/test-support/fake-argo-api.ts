// TEST SUPPORT ONLY. There is no Kubernetes cluster on our machines, so submission is tested against
// this loopback HTTPS server (a self-signed certificate made with openssl, trusted through the
// kubeconfig's certificate-authority-data, as a real cluster's CA is): it checks every request (path, verb, bearer token from the kubeconfig,
// the body validated as a Workflow by the Argo models and our lint) and answers as the Kubernetes
// API with Argo's CRDs would: create → a generated name; get → status Running, one node after the
// other Running → Succeeded (or Failed), then the workflow's final phase; pods by label; pod logs.
import { execFileSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArgoObject } from '../argo-export.ts';
import { lintArgo } from '../argo-lint.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
}

export interface FakeArgoApi {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** Requests the server refused, with why: a test expects none. */
  rejected: string[];
  created: ArgoObject[];
  /** A kubeconfig file (context "fake", namespace "ml") pointing at this server. */
  kubeconfig: string;
  close(): Promise<void>;
}

interface Options {
  /** The task that fails (its node Failed, the workflow Failed). */
  failTask?: string;
}

interface Tracked {
  workflow: ArgoObject;
  name: string;
  namespace: string;
  reads: number;
  tasks: string[];
}

export async function startFakeArgoApi(options: Options = {}): Promise<FakeArgoApi> {
  const token = `token-${Math.random().toString(36).slice(2)}`;
  const requests: RecordedRequest[] = [];
  const rejected: string[] = [];
  const created: ArgoObject[] = [];
  const workflows = new Map<string, Tracked>();

  const reply = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, why: string) => {
    rejected.push(why);
    reply(res, status, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: why, code: status });
  };

  const dir = mkdtempSync(join(tmpdir(), 'benchtop-kube-'));
  const certificate = selfSignedCertificate(dir);
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorization = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization });
    if (authorization !== `Bearer ${token}`) return refuse(res, 401, `${req.method} ${url.pathname}: missing or wrong bearer token (${authorization ?? 'none'})`);

    const create = /^\/apis\/argoproj\.io\/v1alpha1\/namespaces\/([^/]+)\/workflows$/.exec(url.pathname);
    const read = /^\/apis\/argoproj\.io\/v1alpha1\/namespaces\/([^/]+)\/workflows\/([^/]+)$/.exec(url.pathname);
    const pods = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname);
    const log = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);

    if (create && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as ArgoObject;
      if (body.kind !== 'Workflow' || body.apiVersion !== 'argoproj.io/v1alpha1') return refuse(res, 400, `POST body is a ${body.apiVersion}/${body.kind}, not an argoproj.io/v1alpha1 Workflow`);
      if (body.metadata.namespace !== undefined && body.metadata.namespace !== create[1]) return refuse(res, 400, `metadata.namespace ${String(body.metadata.namespace)} differs from the path's ${create[1]}`);
      const problems = lintArgo([body]);
      if (problems.length > 0) return refuse(res, 422, `Workflow invalid: ${problems.join('; ')}`);
      const generateName = body.metadata.generateName;
      if (typeof generateName !== 'string') return refuse(res, 422, 'Workflow has no generateName');
      const name = `${generateName}${Math.random().toString(36).slice(2, 7).padEnd(5, 'x')}`;
      const spec = body.spec as { entrypoint: string; templates: { name: string; dag?: { tasks: { name: string }[] } }[] };
      const dag = spec.templates.find((t) => t.name === spec.entrypoint)?.dag;
      workflows.set(`${create[1]}/${name}`, { workflow: body, name, namespace: create[1], reads: 0, tasks: (dag?.tasks ?? []).map((t) => t.name) });
      created.push(body);
      return reply(res, 201, { ...body, metadata: { ...body.metadata, name, namespace: create[1], uid: `uid-${name}` } });
    }
    if (read && req.method === 'GET') {
      const tracked = workflows.get(`${read[1]}/${read[2]}`);
      if (!tracked) return refuse(res, 404, `workflows.argoproj.io "${read[2]}" not found`);
      tracked.reads++;
      return reply(res, 200, { ...tracked.workflow, metadata: { ...tracked.workflow.metadata, name: tracked.name }, status: statusAt(tracked, options.failTask) });
    }
    if (pods && req.method === 'GET') {
      const selector = url.searchParams.get('labelSelector') ?? '';
      const match = /^workflows\.argoproj\.io\/workflow=(.+)$/.exec(selector);
      const tracked = match ? workflows.get(`${pods[1]}/${match[1]}`) : undefined;
      if (!tracked) return refuse(res, 400, `pods listed without the workflow label selector (${selector})`);
      const items = tracked.tasks.map((task) => ({
        metadata: { name: podName(tracked.name, task), namespace: pods[1], labels: { 'workflows.argoproj.io/workflow': tracked.name }, annotations: { 'workflows.argoproj.io/node-id': nodeId(tracked.name, task), 'workflows.argoproj.io/node-name': `${tracked.name}.${task}` } },
      }));
      return reply(res, 200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items });
    }
    if (log && req.method === 'GET') {
      if (url.searchParams.get('container') !== 'main') return refuse(res, 400, `log of ${log[2]} read without container=main`);
      return reply(res, 200, `log of ${log[2]}\nline 2\n`, 'text/plain');
    }
    return refuse(res, 404, `unexpected ${req.method} ${url.pathname}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `https://127.0.0.1:${address.port}`;

  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: fake',
      'clusters:',
      `  - name: loopback\n    cluster:\n      server: ${url}\n      certificate-authority-data: ${Buffer.from(certificate.cert).toString('base64')}`,
      'users:',
      `  - name: tester\n    user:\n      token: ${token}`,
      'contexts:',
      '  - name: fake\n    context:\n      cluster: loopback\n      user: tester\n      namespace: ml',
      '  - name: other\n    context:\n      cluster: loopback\n      user: tester',
      '',
    ].join('\n'),
  );
  return { url, token, requests, rejected, created, kubeconfig, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

const nodeId = (workflow: string, task: string) => `${workflow}-${task}-id`;
const podName = (workflow: string, task: string) => `${workflow}-${task}-pod`;

/** Read n: tasks before n−1 are done, task n−1 is Running; after the last, the workflow's end. */
function statusAt(tracked: Tracked, failTask: string | undefined): Record<string, unknown> {
  const step = tracked.reads - 1;
  const nodes: Record<string, unknown> = {};
  let failed = false;
  tracked.tasks.forEach((task, index) => {
    if (index > step) return;
    const done = index < step;
    const phase = !done ? 'Running' : task === failTask ? 'Failed' : 'Succeeded';
    if (phase === 'Failed') failed = true;
    nodes[nodeId(tracked.name, task)] = { id: nodeId(tracked.name, task), name: `${tracked.name}.${task}`, displayName: task, type: 'Pod', phase, ...(phase === 'Failed' ? { message: 'Error (exit code 1)' } : {}) };
  });
  const finished = step >= tracked.tasks.length;
  const phase = finished ? (failed ? 'Failed' : 'Succeeded') : 'Running';
  return { phase, ...(finished && failed ? { message: `child '${nodeId(tracked.name, failTask ?? '')}' failed` } : {}), nodes };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
