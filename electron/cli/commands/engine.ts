import type { EngineStatus } from '../../../shared/domain/engine.ts';
import { summarizeFailure } from '../../core/engine/diagnostics-summary.ts';
import { call } from '../call.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format.ts';

function describeConnection(status: EngineStatus): string[] {
  const { endpoint, versions } = status;
  if (!endpoint || !versions) return [];
  const platform = [`${versions.os}/${versions.arch}`, versions.operatingSystem, versions.kernelVersion && `kernel ${versions.kernelVersion}`]
    .filter(Boolean)
    .join(', ');
  return [
    `Connected to ${endpoint.name} at ${endpoint.address} (${endpoint.source})`,
    `Server:      ${versions.serverVersion}`,
    `API:         ${versions.apiVersion}${versions.minApiVersion ? ` (accepts ${versions.minApiVersion} and later)` : ''}`,
    `Negotiated:  ${versions.negotiatedApiVersion}`,
    `Platform:    ${platform}`,
    '',
  ];
}

/** One row per candidate, each followed by its fix (when there is one) on an indented line. */
function describeCandidates(status: EngineStatus): string[] {
  const rows = status.candidates.map((c) => [c.outcome, c.name, c.address, `${Math.round(c.durationMs)} ms`, c.detail]);
  const [header, ...lines] = formatTable(['OUTCOME', 'CANDIDATE', 'ADDRESS', 'TIME', 'DETAIL'], rows).trimEnd().split('\n');
  const out = [`Candidates tried (${status.checkedAt}):`, header];
  status.candidates.forEach((candidate, index) => {
    out.push(lines[index]);
    if (candidate.fix) out.push(`    fix: ${candidate.fix}`);
  });
  return out;
}

const engine: Command = {
  name: 'engine',
  group: 'Host',
  usage: 'benchtop engine [--json]',
  summary: 'The container engine in use, its versions, every candidate',
  description: 'Shows where Benchtop connected, the engine and API versions, and the diagnostics of every candidate it tried (socket, DOCKER_HOST, contexts), each with a fix. Exits 1 when no engine answers.',
  flags: [{ name: 'json', description: 'Print EngineStatus as JSON.' }],
  examples: [
    { command: 'benchtop engine', description: 'Where it connected, or why nothing answered and what to do.' },
    { command: 'benchtop engine --json', description: 'The same as EngineStatus JSON.' },
  ],
  json: 'EngineStatus: connected, endpoint (name, source, address), versions (serverVersion, apiVersion, negotiatedApiVersion, minApiVersion, os, arch, kernelVersion, operatingSystem), candidates (name, source, address, outcome, detail, fix, apiVersion, durationMs), checkedAt. See electron/cli/README.md.',
  async run({ flags, io, core }) {
    const status = await call(await core(), 'engine.status', {});
    if (flags.json) {
      io.stdout.write(JSON.stringify(status, null, 2) + '\n');
    } else {
      io.stdout.write([...describeConnection(status), ...describeCandidates(status)].join('\n') + '\n');
    }
    if (status.connected) return 0;
    io.stderr.write(`benchtop: ${summarizeFailure(status.candidates)}\n`);
    return 1;
  },
};

export default engine;
