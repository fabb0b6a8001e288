import type { CandidateOutcome } from '../../../shared/domain/engine.ts';
import type { EndpointCandidate } from './candidates.ts';

export interface ProbeVerdict {
  outcome: CandidateOutcome;
  detail: string;
  fix: string | null;
}

const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$)/;
const NOT_HTTP = /^(HPE_|ECONNRESET$|EPIPE$)/;

function where(candidate: EndpointCandidate): string {
  const endpoint = candidate.endpoint;
  switch (endpoint.transport) {
    case 'unix':
    case 'npipe':
      return endpoint.socketPath;
    case 'tcp':
      return `${endpoint.host}:${endpoint.port}`;
    case 'ssh':
      return candidate.address;
  }
}

/** Advice for a socket the user may not open, specific to the engine behind it. */
export function permissionFix(candidate: EndpointCandidate): string {
  const path = where(candidate);
  if (candidate.name.startsWith('Podman')) {
    return `Use the rootless Podman socket instead (systemctl --user enable --now podman.socket), or give your user access to ${path}.`;
  }
  if (path === '/var/run/docker.sock' || path === '/run/docker.sock') {
    return (
      'Add your user to the docker group: sudo usermod -aG docker $USER, then log out and back in (or run "newgrp docker"). ' +
      'Or use rootless Docker (dockerd-rootless-setuptool.sh install) and its socket $XDG_RUNTIME_DIR/docker.sock.'
    );
  }
  return `Give your user read and write access to ${path}, or start the engine as your own user (${candidate.startHint}).`;
}

/** Turns whatever failed while talking to a candidate into an outcome, a cause and a remedy. */
export function classifyProbeError(error: unknown, candidate: EndpointCandidate, timeoutMs: number): ProbeVerdict {
  const failure = error as { code?: unknown; level?: unknown; message?: unknown };
  const code = typeof failure.code === 'string' ? failure.code : '';
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  const place = where(candidate);
  const transport = candidate.endpoint.transport;
  const isSocket = transport === 'unix' || transport === 'npipe';

  if (code === 'PROBE_TIMEOUT' || code === 'ETIMEDOUT' || failure.level === 'client-timeout' || /timed out/i.test(message)) {
    return {
      outcome: 'timeout',
      detail: `${place} gave no answer within ${timeoutMs} ms.`,
      fix: isSocket
        ? `The engine behind ${place} is hung or overloaded: restart it (${candidate.startHint}).`
        : `Check that ${place} is reachable from here (network, firewall, VPN) and that its engine is running.`,
    };
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return {
      outcome: 'missing',
      detail: `${place} does not exist.`,
      fix:
        candidate.source === 'known-socket'
          ? `If you use ${candidate.name}, start it: ${candidate.startHint}.`
          : candidate.source === 'DOCKER_HOST'
            ? `Start the engine (${candidate.startHint}), correct DOCKER_HOST, or unset DOCKER_HOST to let Benchtop find a local engine.`
            : `Start the engine (${candidate.startHint}), or correct the context.`,
    };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      outcome: 'permission_denied',
      detail: `Permission denied opening ${place}: your user may not use this socket.`,
      fix: permissionFix(candidate),
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      outcome: 'refused',
      detail: isSocket
        ? `${place} exists but nothing listens on it (connection refused): the engine is stopped or crashed.`
        : `Nothing listens on ${place} (connection refused).`,
      fix:
        candidate.source === 'DOCKER_HOST'
          ? `Start the engine (${candidate.startHint}), correct DOCKER_HOST, or unset DOCKER_HOST to let Benchtop find a local engine.`
          : `Start the engine: ${candidate.startHint}.`,
    };
  }
  if (transport === 'ssh') {
    if (failure.level === 'client-authentication' || /authentication/i.test(message)) {
      return {
        outcome: 'error',
        detail: `SSH login to ${place} failed: ${message}.`,
        fix: 'Load your key into the SSH agent (ssh-add) so SSH_AUTH_SOCK offers it, and check that "ssh USER@HOST docker version" works without a password.',
      };
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return { outcome: 'error', detail: `The host in ${place} is unknown (${code}).`, fix: 'Check the host name in DOCKER_HOST or the context.' };
    }
    return {
      outcome: 'error',
      detail: `Talking to the engine over SSH at ${place} failed: ${message}.`,
      fix: 'Check that "ssh USER@HOST docker system dial-stdio" works: the remote user needs the docker CLI and access to its engine.',
    };
  }
  if (TLS_ERROR.test(code)) {
    return {
      outcome: 'error',
      detail: `The TLS handshake with ${place} failed: ${message} (${code}).`,
      fix: 'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context TLS files, and whether the port expects TLS (2376) or plain HTTP (2375).',
    };
  }
  if (NOT_HTTP.test(code) || message === 'socket hang up') {
    return {
      outcome: 'not_docker',
      detail: `${place} accepted the connection but did not answer with HTTP (${code || message}): this is not the Docker Engine API.`,
      fix: isSocket
        ? `Something other than an engine owns ${place}: find it (sudo ss -xlp | grep ${place}) or point DOCKER_HOST at the Docker socket.`
        : `Point DOCKER_HOST or the context at the engine's API port.`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { outcome: 'error', detail: `The host of ${place} is unknown (${code}).`, fix: 'Check the host name in DOCKER_HOST or the context.' };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return { outcome: 'error', detail: `${place} is unreachable (${code}).`, fix: 'Check the network route (VPN, firewall) to that host.' };
  }
  return {
    outcome: 'error',
    detail: `Talking to ${place} failed: ${message}${code ? ` (${code})` : ''}.`,
    fix: `Check that the engine at ${place} is running (${candidate.startHint}).`,
  };
}
