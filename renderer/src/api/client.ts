import type { ClientMessageOf, DuplexMethod } from '../../../shared/api/client-messages.ts';
import type { CallMethod, InputOf, OutputOf, StreamMethod } from '../../../shared/api/contract.ts';
import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { BenchtopBridge } from '../../../shared/api/bridge.ts';
import { ApiCallError } from './api-call-error.ts';
import { createElectronTransport } from './electron-transport.ts';
import type { StreamInterruption, Transport } from './transport.ts';
import { createWebSocketTransport, webSocketUrlFor } from './websocket-transport.ts';

export interface StreamLifecycle<Input = unknown> {
  onInterrupted?(info: StreamInterruption): void;
  onRestart?(): void;
  /** The input to re-open the stream with after a reconnect, to carry on where it was (see Transport). */
  resumeInput?(): Input | undefined;
}

/** The typed face of the contract for the UI. */
export interface ApiClient {
  readonly transportName: 'electron' | 'websocket' | 'custom';
  /** Resolves with the method's output or throws an ApiCallError carrying the core's error payload. */
  call<M extends CallMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  /** Opens a stream; returns the function that closes it. */
  subscribe<M extends StreamMethod>(
    method: M,
    input: InputOf<M>,
    onValue: (value: OutputOf<M>) => void,
    onEnd?: (error?: ApiErrorPayload) => void,
    lifecycle?: StreamLifecycle<InputOf<M>>,
  ): () => void;
  /** Opens a stream that also takes messages from the page (a terminal). */
  connect<M extends DuplexMethod>(
    method: M,
    input: InputOf<M>,
    onValue: (value: OutputOf<M>) => void,
    onEnd?: (error?: ApiErrorPayload) => void,
    lifecycle?: StreamLifecycle,
  ): DuplexStream<ClientMessageOf<M>>;
}

export interface DuplexStream<Message> {
  send(message: Message): void;
  close(): void;
}

export function createApiClient(transport: Transport, transportName: ApiClient['transportName'] = 'custom'): ApiClient {
  return {
    transportName,
    async call(method, input) {
      const envelope = await transport.invoke(method, input);
      if (!envelope.ok) throw new ApiCallError(method, envelope.error);
      return envelope.value as OutputOf<typeof method>;
    },
    subscribe(method, input, onValue, onEnd, lifecycle) {
      const control = transport.open(method, input, {
        onNext: (value) => onValue(value as OutputOf<typeof method>),
        onEnd: (error) => onEnd?.(error),
        onInterrupted: lifecycle?.onInterrupted,
        onRestart: lifecycle?.onRestart,
        resumeInput: lifecycle?.resumeInput,
      });
      return () => control.close();
    },
    connect(method, input, onValue, onEnd, lifecycle) {
      const control = transport.open(method, input, {
        onNext: (value) => onValue(value as OutputOf<typeof method>),
        onEnd: (error) => onEnd?.(error),
        onInterrupted: lifecycle?.onInterrupted,
        onRestart: lifecycle?.onRestart,
      });
      return { send: (message) => control.send(message), close: () => control.close() };
    },
  };
}

/** Present only inside the Electron shell (exposed by the preload). */
type WindowWithBridge = Window & { benchtop?: BenchtopBridge };

/** `window.benchtop` inside Electron, else the web host's WebSocket at the page's own origin. */
export function createDefaultApiClient(): ApiClient {
  const bridge = (window as WindowWithBridge).benchtop;
  if (bridge) return createApiClient(createElectronTransport(bridge), 'electron');
  return createApiClient(createWebSocketTransport({ url: webSocketUrlFor(window.location) }), 'websocket');
}
