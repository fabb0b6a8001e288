import { describe, expect, it } from 'vitest';
import type { EndpointCandidate } from './candidates.ts';
import { classifyProbeError } from './probe-outcome.ts';
import { ProbeTimeoutError } from './probe-http.ts';

const errno = (code: string, message = `${code}: synthetic`) => Object.assign(new Error(message), { code });

function socket(path: string, name: string): EndpointCandidate {
  return { kind: 'endpoint', name, source: 'known-socket', address: `unix://${path}`, startHint: 'sudo systemctl start docker', endpoint: { transport: 'unix', socketPath: path } };
}

// The tests run as root, for whom mode bits never produce EACCES; these synthetic errors are
// what connect(2) and access(2) report to an ordinary user.
describe('classifyProbeError', () => {
  it('turns EACCES on the rootful socket into permission_denied with the docker group fix', () => {
    const verdict = classifyProbeError(errno('EACCES', 'connect EACCES /var/run/docker.sock'), socket('/var/run/docker.sock', 'Docker (rootful)'), 2000);
    expect(verdict.outcome).toBe('permission_denied');
    expect(verdict.detail).toBe('Permission denied opening /var/run/docker.sock: your user may not use this socket.');
    expect(verdict.fix).toContain('sudo usermod -aG docker $USER');
    expect(verdict.fix).toContain('$XDG_RUNTIME_DIR/docker.sock');
  });

  it('points Podman users at the rootless socket', () => {
    const verdict = classifyProbeError(errno('EACCES'), socket('/run/podman/podman.sock', 'Podman (rootful)'), 2000);
    expect(verdict.outcome).toBe('permission_denied');
    expect(verdict.fix).toContain('systemctl --user enable --now podman.socket');
  });

  it.each([
    ['ENOENT', 'missing'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'not_docker'],
    ['HPE_INVALID_CONSTANT', 'not_docker'],
    ['ETIMEDOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'error'],
    ['EWHATEVER', 'error'],
  ] as const)('classifies %s as %s, always with a fix', (code, outcome) => {
    const verdict = classifyProbeError(errno(code), socket('/var/run/docker.sock', 'Docker (rootful)'), 2000);
    expect(verdict.outcome).toBe(outcome);
    expect(verdict.detail.length).toBeGreaterThan(10);
    expect(verdict.fix).toBeTruthy();
  });

  it('classifies its own deadline as timeout', () => {
    const verdict = classifyProbeError(new ProbeTimeoutError(250), socket('/x.sock', 'X'), 250);
    expect(verdict).toMatchObject({ outcome: 'timeout', detail: '/x.sock gave no answer within 250 ms.' });
  });

  it('explains an SSH login failure', () => {
    const candidate: EndpointCandidate = {
      kind: 'endpoint',
      name: 'DOCKER_HOST',
      source: 'DOCKER_HOST',
      address: 'ssh://me@box',
      startHint: '',
      endpoint: { transport: 'ssh', host: 'box', port: 22, username: 'me' },
    };
    const failure = Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' });
    const verdict = classifyProbeError(failure, candidate, 2000);
    expect(verdict.outcome).toBe('error');
    expect(verdict.detail).toContain('SSH login to ssh://me@box failed');
    expect(verdict.fix).toContain('ssh-add');
  });
});
