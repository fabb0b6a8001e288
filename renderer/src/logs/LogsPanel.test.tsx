// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiClientProvider } from '../api/api-context.tsx';
import { createApiClient } from '../api/client.ts';
import type { StreamCallbacks } from '../api/transport.ts';
import { tableTransport, testRoot } from '../test-support/render-page.tsx';
import { LogsPanel } from './LogsPanel.tsx';

// The panel is real; the core behind it is a transport whose log stream the test drives (the real
// engine's logs are behind e2e/containers.spec.ts and e2e/stream-resume.spec.ts).
const { container, root } = testRoot();

function drawPanel(gone = false): { stream: () => StreamCallbacks } {
  let logs: StreamCallbacks | null = null;
  const transport = tableTransport({}, (_method, callbacks) => (logs = callbacks));
  act(() =>
    root().render(
      <ApiClientProvider client={createApiClient(transport)}>
        <LogsPanel containerId="c0ffee" name="train" gone={gone} onClose={() => undefined} />
      </ApiClientProvider>,
    ),
  );
  return {
    stream: () => {
      if (!logs) throw new Error('the panel opened no log stream');
      return logs;
    },
  };
}

const buttons = () => [...container().querySelectorAll('button')].map((button) => button.textContent);

describe('LogsPanel', () => {
  it('offers to pause following while the log is followed, and not once the log has ended', () => {
    const { stream } = drawPanel();
    act(() => stream().onNext({ lines: [{ stream: 'stdout', ts: '2026-12-07T10:00:00.000000000Z', text: 'epoch 1' }] }));
    expect(buttons()).toContain('Pause following');

    act(() => stream().onEnd());
    expect(container().textContent).toContain('Log ended');
    expect(buttons()).not.toContain('Pause following');
    expect(buttons()).not.toContain('Resume following');
    expect(buttons()).toContain('Download log');
  });

  it('offers no following for a removed container', () => {
    drawPanel(true);
    expect(container().textContent).toContain('Container removed');
    expect(buttons().some((text) => text?.includes('following'))).toBe(false);
  });
});
