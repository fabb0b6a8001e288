import { APP_VERSION } from '../../core/app-version.ts';
import { summarizeFailure } from '../../core/engine/diagnostics-summary.ts';
import { call } from '../call.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format.ts';

/** `benchtop version --json`. */
export interface VersionReport {
  benchtop: string;
  node: string;
  platform: string;
  engine: {
    connected: boolean;
    endpoint: string | null;
    serverVersion: string | null;
    apiVersion: string | null;
    negotiatedApiVersion: string | null;
    os: string | null;
    /** Why no engine answered (and what to do), or null. */
    error: string | null;
  };
}

const version: Command = {
  name: 'version',
  group: 'CLI',
  usage: 'benchtop version [--json]',
  summary: 'Benchtop, Node, engine and Engine API versions',
  description: 'An engine that does not answer is reported, not an error (exit 0). `benchtop --version` prints only the Benchtop version.',
  flags: [{ name: 'json', description: 'Print JSON.' }],
  examples: [
    { command: 'benchtop version', description: 'Every version, and the engine it talks to.' },
    { command: 'benchtop version --json', description: 'As JSON, for bug reports and scripts.' },
  ],
  json: 'benchtop, node, platform, engine (connected, endpoint, serverVersion, apiVersion, negotiatedApiVersion, os, error).',
  async run({ flags, io, core }) {
    const report: VersionReport = {
      benchtop: APP_VERSION,
      node: process.versions.node,
      platform: `${process.platform}/${process.arch}`,
      engine: { connected: false, endpoint: null, serverVersion: null, apiVersion: null, negotiatedApiVersion: null, os: null, error: null },
    };
    try {
      const status = await call(await core(), 'engine.status', {});
      report.engine = {
        connected: status.connected,
        endpoint: status.endpoint ? `${status.endpoint.name} (${status.endpoint.address})` : null,
        serverVersion: status.versions?.serverVersion ?? null,
        apiVersion: status.versions?.apiVersion ?? null,
        negotiatedApiVersion: status.versions?.negotiatedApiVersion ?? null,
        os: status.versions ? `${status.versions.os}/${status.versions.arch}` : null,
        error: status.connected ? null : summarizeFailure(status.candidates),
      };
    } catch (error) {
      report.engine.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    if (flags.json) {
      io.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return 0;
    }
    const e = report.engine;
    const rows = [
      ['Benchtop', report.benchtop],
      ['Node', `${report.node} (${report.platform})`],
      ['Engine', e.connected ? `${e.serverVersion ?? '?'}${e.os ? ` (${e.os})` : ''} at ${e.endpoint ?? '?'}` : `not reachable: ${e.error ?? 'no engine answered'}`],
      ['Engine API', e.connected ? `${e.apiVersion ?? '?'} (negotiated ${e.negotiatedApiVersion ?? '?'})` : '-'],
    ];
    io.stdout.write(formatTable(['COMPONENT', 'VERSION'], rows).split('\n').slice(1).join('\n'));
    return 0;
  },
};

export default version;
