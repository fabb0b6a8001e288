// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_ROWS, useProgressiveRows, WHOLE_UP_TO } from './use-progressive-rows.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const drawnCounts: number[] = [];
function Table({ items }: { items: readonly number[] }) {
  const drawn = useProgressiveRows(items);
  drawnCounts.push(drawn.length);
  return <ul>{drawn.map((n) => <li key={n}>{n}</li>)}</ul>;
}

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  drawnCounts.length = 0;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const list = (n: number) => Array.from({ length: n }, (_, i) => i);
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

describe('useProgressiveRows', () => {
  it(`draws a list of up to ${WHOLE_UP_TO} rows whole in its first render: a filter's 47 answers come in one frame`, () => {
    act(() => root.render(<Table items={list(47)} />));
    expect(container.querySelectorAll('li')).toHaveLength(47);
    expect(drawnCounts).toEqual([47]);
  });

  it(`draws a longer list's first ${FIRST_ROWS} rows first and the rest a frame later`, async () => {
    act(() => root.render(<Table items={list(200)} />));
    expect(container.querySelectorAll('li')).toHaveLength(FIRST_ROWS);
    await act(nextFrame);
    expect(container.querySelectorAll('li')).toHaveLength(200);
  });
});
