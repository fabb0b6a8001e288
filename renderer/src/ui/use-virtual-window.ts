import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { visibleRange } from './visible-range.ts';

export interface VirtualWindow {
  start: number;
  end: number;
  /** Attach to the scrolling element's onScroll. */
  onScroll(): void;
}

/**
 * Windowing for a fixed-row-height list inside `scrollRef`: tracks scroll position and viewport
 * height (ResizeObserver) and returns which rows to render. Re-renders only when the range changes.
 */
export function useVirtualWindow(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 12,
): VirtualWindow {
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.scrollTop;
    const height = element.clientHeight;
    setViewport((old) => {
      const oldRange = visibleRange(old.top, old.height, rowHeight, count, overscan);
      const newRange = visibleRange(top, height, rowHeight, count, overscan);
      const same = oldRange.start === newRange.start && oldRange.end === newRange.end && old.height === height;
      return same ? old : { top, height };
    });
  }, [scrollRef, rowHeight, count, overscan]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    measure();
    const observer = new ResizeObserver(() => measure());
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef, measure]);

  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      measure();
    });
  }, [measure]);

  useLayoutEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  const range = visibleRange(viewport.top, viewport.height, rowHeight, count, overscan);
  return { start: range.start, end: range.end, onScroll };
}
