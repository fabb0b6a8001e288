import type { ApiErrorPayload, Envelope } from '../../../shared/api/errors.ts';

/** Why a stream paused: the link to the Benchtop core dropped and will be retried. */
export interface StreamInterruption {
  message: string;
  retryInMs: number;
}

export interface StreamCallbacks {
  onNext(value: unknown): void;
  /** Called once, when the stream is over: without an error when it finished, with one when it failed. */
  onEnd(error?: ApiErrorPayload): void;
  /** The transport lost its connection; the stream will be re-opened when it is back. */
  onInterrupted?(info: StreamInterruption): void;
  /**
   * The stream was re-opened after a reconnect. It starts again from the beginning (a snapshot,
   * or the log tail), so consumers drop what they had built from the previous run.
   */
  onRestart?(): void;
  /**
   * For a stream that can carry on where it was (a followed log): the input to re-open it with
   * after a reconnect. When it returns one, the stream resumes with it and `onRestart` is not
   * called; when it returns undefined (or is absent), the stream starts over.
   */
  resumeInput?(): unknown;
}

/** An open stream as its opener holds it. */
export interface StreamControl {
  /** Stops the stream (safe to call more than once). */
  close(): void;
  /**
   * Sends a client message into the stream (methods with a `clientMessage` schema). Dropped while
   * the transport is reconnecting or once the stream is over: the reopened stream starts afresh.
   */
  send(data: unknown): void;
}

/** Moves calls and streams between the page and the Benchtop core (IPC in Electron, a WebSocket in a browser). */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Opens a stream. A value may be a Uint8Array (terminal bytes). */
  open(method: string, input: unknown, callbacks: StreamCallbacks): StreamControl;
}

/** The transport itself failed (no connection, connection dropped): the call never got an answer. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}
