import type { InputOf, OutputOf, StreamMethod } from '../../shared/api/contract.ts';
import type { ApiErrorPayload } from '../../shared/api/errors.ts';
import type { Core } from '../core/app.ts';
import { CliError } from './command.ts';
import { formatBytes } from '../../shared/domain/format-bytes.ts';

/**
 * Runs one stream method to its end, handing each value to onValue. Ctrl-C (the signal) closes the
 * stream, which cancels the work behind it; resolves with `cancelled: true` then. An error the
 * stream ends with becomes a one-line CliError.
 */
export async function runStream<M extends StreamMethod>(
  core: Core,
  method: M,
  input: InputOf<M>,
  onValue: (value: OutputOf<M>) => void,
  signal: AbortSignal,
): Promise<{ cancelled: boolean }> {
  if (signal.aborted) return { cancelled: true };
  const outcome = await new Promise<{ error: ApiErrorPayload | null; cancelled: boolean }>((resolve) => {
    let finished = false;
    let handle: { close(): void } | null = null;
    const stop = () => {
      handle?.close();
      finish(null, true);
    };
    const finish = (error: ApiErrorPayload | null, cancelled: boolean) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', stop);
      resolve({ error, cancelled });
    };
    signal.addEventListener('abort', stop, { once: true });
    handle = core.dispatcher.open(method, input, {
      next: (value) => onValue(value as OutputOf<M>),
      end: (error) => finish(error ?? null, false),
    });
  });
  if (outcome.error) throw new CliError(outcome.error.message, outcome.error.code === 'invalid_input' ? 2 : 1);
  return { cancelled: outcome.cancelled };
}

/** Bytes in docker's compact progress style: "3.1MB/4.0MB". */
export function formatProgressBytes(bytes: number): string {
  return formatBytes(bytes).replace(' ', '');
}
