import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { AckCounter } from './ack-counter.ts';
import { terminalTheme } from './terminal-theme.ts';

export interface TerminalViewProps {
  containerId: string;
  name: string;
}

type Status =
  | { kind: 'connecting' }
  | { kind: 'running'; command: string }
  | { kind: 'waiting'; message: string }
  | { kind: 'exited'; exitCode: number | null }
  | { kind: 'failed'; message: string };

/** How long output may stay unacknowledged when it goes quiet. */
const QUIET_ACK_MS = 50;

/**
 * An interactive shell in the container (bash when it has one, else sh) in xterm.js: keystrokes
 * and pastes go to the process, the size follows the panel, output is acknowledged after xterm
 * has drawn it (the server pauses the process when the screen falls behind), and the shell comes
 * back by itself after the container restarts.
 */
export function TerminalView({ containerId, name }: TerminalViewProps) {
  const api = useApiClient();
  const hostRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'connecting' });
  const [session, setSession] = useState(0);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const terminal = new Terminal({
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--mono') || 'monospace',
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5000,
      theme: terminalTheme(),
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host);
    fit.fit();
    terminal.textarea?.setAttribute('aria-label', `Terminal input for ${name}`);

    let quietTimer: ReturnType<typeof setTimeout> | null = null;
    const acks = new AckCounter((bytes) => stream.send({ type: 'ack', bytes }));
    const stream = api.connect(
      'containers.exec',
      { id: containerId, cols: terminal.cols, rows: terminal.rows, flowControl: true, reconnect: true },
      (value) => {
        if (value instanceof Uint8Array) {
          const length = value.byteLength;
          terminal.write(value, () => {
            acks.written(length);
            if (quietTimer) clearTimeout(quietTimer);
            quietTimer = setTimeout(() => acks.flush(), QUIET_ACK_MS);
          });
          return;
        }
        switch (value.type) {
          case 'started':
            acks.reset();
            setStatus({ kind: 'running', command: value.command.join(' ') });
            return;
          case 'waiting':
            terminal.write(`\r\n\x1b[2m${value.message}\x1b[0m\r\n`);
            setStatus({ kind: 'waiting', message: value.message });
            return;
          case 'exited':
            setStatus({ kind: 'exited', exitCode: value.exitCode });
            return;
          case 'stderr':
            return;
        }
      },
      (error) => {
        if (error) setStatus({ kind: 'failed', message: error.message });
      },
      {
        onRestart: () => {
          terminal.reset();
          acks.reset();
          setStatus({ kind: 'connecting' });
        },
      },
    );
    const input = terminal.onData((data) => stream.send({ type: 'input', data }));
    const binary = terminal.onBinary((data) => stream.send({ type: 'bytes', base64: btoa(data) }));
    const resize = terminal.onResize(({ cols, rows }) => stream.send({ type: 'resize', cols, rows }));
    const observer = new ResizeObserver(() => {
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    });
    observer.observe(host);
    terminal.focus();

    return () => {
      observer.disconnect();
      input.dispose();
      binary.dispose();
      resize.dispose();
      if (quietTimer) clearTimeout(quietTimer);
      stream.close();
      terminal.dispose();
    };
  }, [api, containerId, name, session]);

  return (
    <div className="terminal-view">
      <div className="terminal-status" role="status" aria-label="Terminal status">
        {statusText(status)}
        {(status.kind === 'exited' || status.kind === 'failed') && (
          <button type="button" className="button button-small" onClick={() => setSession((n) => n + 1)}>
            New session
          </button>
        )}
      </div>
      <div className="terminal-host" ref={hostRef} role="group" aria-label={`Terminal of ${name}`} />
    </div>
  );
}

function statusText(status: Status): string {
  switch (status.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'running':
      return `Connected: ${status.command}`;
    case 'waiting':
      return status.message;
    case 'exited':
      return `The shell exited${status.exitCode === null ? '' : ` with code ${status.exitCode}`}.`;
    case 'failed':
      return status.message;
  }
}
