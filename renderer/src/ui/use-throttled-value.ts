import { useEffect, useRef, useState } from 'react';

/** `value`, passed through at most once every `intervalMs` (the latest value always arrives). */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [throttled, setThrottled] = useState(value);
  const lastUpdate = useRef(0);
  useEffect(() => {
    const wait = lastUpdate.current + intervalMs - Date.now();
    if (wait <= 0) {
      lastUpdate.current = Date.now();
      setThrottled(value);
      return;
    }
    const timer = setTimeout(() => {
      lastUpdate.current = Date.now();
      setThrottled(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return throttled;
}
