import { StringDecoder } from 'node:string_decoder';

export interface JsonLineParser {
  /** Feed a chunk; it may end mid-object or mid-character. */
  push(chunk: Buffer | string): void;
  /** Parse what is left after the stream ended. */
  end(): void;
}

/**
 * Splits newline-delimited JSON into values. A line that is not JSON goes to onInvalid and
 * parsing goes on with the next line.
 */
export function createJsonLineParser(onValue: (value: unknown) => void, onInvalid: (line: string, error: Error) => void = () => {}): JsonLineParser {
  const decoder = new StringDecoder('utf8');
  let pending = '';

  const emit = (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      onInvalid(trimmed, error as Error);
      return;
    }
    onValue(value);
  };

  return {
    push(chunk) {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        emit(line);
        newline = pending.indexOf('\n');
      }
    },
    end() {
      pending += decoder.end();
      const rest = pending;
      pending = '';
      emit(rest);
    },
  };
}
