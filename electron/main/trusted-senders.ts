import { isAppUrl } from './app-url.ts';

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

export interface SenderLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
}

export interface IpcEventLike {
  readonly sender: SenderLike;
  readonly senderFrame: FrameLike | null;
}

export interface TrackedContents {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface TrustedSenders {
  /** Trust a window's WebContents we created, until it is destroyed. */
  add(contents: TrackedContents): void;
  isTrusted(event: IpcEventLike): boolean;
}

/**
 * The sender check of every IPC message: the WebContents is one of our windows, the sending
 * frame is its main frame (not an iframe), and that frame shows an app://benchtop page.
 */
export function createTrustedSenders(): TrustedSenders {
  const ids = new Set<number>();
  return {
    add(contents) {
      ids.add(contents.id);
      contents.once('destroyed', () => ids.delete(contents.id));
    },
    isTrusted(event) {
      const frame = event.senderFrame;
      if (!frame || !ids.has(event.sender.id)) return false;
      const main = event.sender.mainFrame;
      if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
      return isAppUrl(frame.url);
    },
  };
}
