import { createJsonLineParser } from '../engine/json-lines.ts';

/**
 * Reads a newline-delimited JSON body (pull and build progress) until it ends; on abort the
 * stream is destroyed and the promise resolves. A stream error rejects.
 */
export function readJsonStream(stream: NodeJS.ReadableStream, onMessage: (value: unknown) => void, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const parser = createJsonLineParser(onMessage);
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error && !signal.aborted) reject(error);
      else resolve();
    };
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      settle();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer | string) => {
      if (!settled) parser.push(chunk);
    });
    stream.on('end', () => {
      parser.end();
      settle();
    });
    stream.on('close', () => {
      parser.end();
      settle();
    });
    stream.on('error', (error: unknown) => settle(error));
  });
}
