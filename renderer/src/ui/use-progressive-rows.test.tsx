// @vitest-environment happy-dom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { testRoot } from '../test-support/render-page.tsx';
import { FIRST_ROWS, useProgressiveRows, WHOLE_UP_TO } from './use-progressive-rows.ts';

const drawnCounts: number[] = [];
function Table({ items }: { items: readonly number[] }) {
  const drawn = useProgressiveRows(items);
  drawnCounts.push(drawn.length);
  return <ul>{drawn.map((n) => <li key={n}>{n}</li>)}</ul>;
}

const page = testRoot();
beforeEach(() => {
  drawnCounts.length = 0;
});

const list = (n: number) => Array.from({ length: n }, (_, i) => i);
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

describe('useProgressiveRows', () => {
  it(`draws a list of up to ${WHOLE_UP_TO} rows whole in its first render: a filter's 47 answers come in one frame`, () => {
    act(() => page.root().render(<Table items={list(47)} />));
    expect(page.container().querySelectorAll('li')).toHaveLength(47);
    expect(drawnCounts).toEqual([47]);
  });

  it(`draws a longer list's first ${FIRST_ROWS} rows first and the rest a frame later`, async () => {
    act(() => page.root().render(<Table items={list(200)} />));
    expect(page.container().querySelectorAll('li')).toHaveLength(FIRST_ROWS);
    await act(nextFrame);
    expect(page.container().querySelectorAll('li')).toHaveLength(200);
  });
});
