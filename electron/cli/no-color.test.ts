import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../core/app.ts';
import type { StreamSink } from '../core/api/dispatcher.ts';
import type { ComposeProgress } from '../../shared/domain/compose-plan.ts';
import type { CliContext, CliIo, Command } from './command.ts';
import { runCli } from './main.ts';
import { commands } from './registry.ts';
import compose from './commands/compose.ts';

const ESCAPE = /\x1b/;

/** A terminal-like stdout (isTTY, 100 columns) that records what was written. */
function terminal(env: NodeJS.ProcessEnv): { io: CliIo; text: () => string } {
  let text = '';
  const write = (s: string | Uint8Array) => ((text += String(s)), true);
  const stdout = { write, isTTY: true, columns: 100, on: () => stdout, off: () => stdout } as unknown as CliIo['stdout'];
  return { io: { stdout, stderr: { write } as unknown as NodeJS.WritableStream, env }, text: () => text };
}

/** A stream method that sends these values, then ends (the engine is not needed for what is printed). */
function coreSending(values: unknown[]): Core {
  return {
    dispatcher: {
      open(_method: unknown, _input: unknown, sink: StreamSink<unknown>) {
        queueMicrotask(() => {
          for (const value of values) sink.next(value);
          sink.end();
        });
        return { close() {}, send() {} };
      },
      invoke: () => Promise.reject(new Error('not used')),
    },
  } as unknown as Core;
}

async function runWith(command: Command, args: string[], flags: CliContext['flags'], env: NodeJS.ProcessEnv, core: Core): Promise<string> {
  const { io, text } = terminal(env);
  await command.run({ args, flags, io, core: async () => core, signal: new AbortController().signal });
  return text();
}

const progress: ComposeProgress[] = [
  { type: 'resource', kind: 'network', name: 'lab_default', service: null, status: 'created' },
  { type: 'resource', kind: 'container', name: 'lab-web-1', service: 'web', status: 'started' },
  { type: 'done', project: 'lab', changed: 2, elapsedMs: 1200 },
];

describe('NO_COLOR', () => {
  it('removes every escape sequence from help on a terminal (which has them without it)', async () => {
    const invocations = [['help'], ...commands.map((c) => [c.name, '--help'])];
    for (const argv of invocations) {
      const coloured = terminal({});
      await runCli(argv, coloured.io, new AbortController().signal);
      expect({ argv, escapes: ESCAPE.test(coloured.text()) }).toEqual({ argv, escapes: true });
      for (const value of ['1', 'true']) {
        const plain = terminal({ NO_COLOR: value });
        await runCli(argv, plain.io, new AbortController().signal);
        expect({ argv, escapes: ESCAPE.test(plain.text()) }).toEqual({ argv, escapes: false });
      }
    }
  });

  it('removes the colours of compose progress, and TERM=dumb does too', async () => {
    expect(await runWith(compose, ['up'], { file: ['/nonexistent/compose.yaml'] }, {}, coreSending(progress))).toMatch(ESCAPE);
    const plain = await runWith(compose, ['up'], { file: ['/nonexistent/compose.yaml'] }, { NO_COLOR: '1' }, coreSending(progress));
    expect(plain).not.toMatch(ESCAPE);
    expect(plain).toContain('Container lab-web-1  started');
    expect(await runWith(compose, ['up'], { file: ['/nonexistent/compose.yaml'] }, { TERM: 'dumb' }, coreSending(progress))).not.toMatch(ESCAPE);
  });

  it('every command file that writes an escape sequence decides through terminal.ts (escapesAllowed/styles), never isTTY alone', () => {
    const folder = new URL('./commands/', import.meta.url);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      if (!source.includes('\\x1b')) continue;
      expect({ file, gated: /import \{[^}]*\b(escapesAllowed|styles)\b[^}]*\} from '\.\.\/terminal\.ts'/.test(source) }).toEqual({ file, gated: true });
    }
  });
});
