import { useEffect, useRef, useState } from 'react';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import { useApiClient } from '../api/api-context.tsx';
import { appendSample } from './stats-history.ts';
import { useDocumentVisible } from './use-document-visible.ts';

/** The most `containers.stats` streams the rows of the list open at once. */
export const MAX_ROW_STATS_STREAMS = 4;

/**
 * Live stats for the given containers: one `containers.stats` stream each (the engine pushes
 * about one sample a second; nothing polls), none while the window is hidden. Only the streams
 * of ids that come or go open or close; a container's history is dropped with its stream.
 */
export function useContainersStats(ids: readonly string[]): ReadonlyMap<string, StatsSample[]> {
  const api = useApiClient();
  const visible = useDocumentVisible();
  const [histories, setHistories] = useState<ReadonlyMap<string, StatsSample[]>>(() => new Map());
  const open = useRef(new Map<string, () => void>());
  const key = visible ? ids.join('\n') : '';

  useEffect(() => {
    const wanted = new Set(key ? key.split('\n') : []);
    for (const [id, close] of open.current) {
      if (wanted.has(id)) continue;
      close();
      open.current.delete(id);
    }
    for (const id of wanted) {
      if (open.current.has(id)) continue;
      open.current.set(
        id,
        api.subscribe('containers.stats', { id }, (sample) => setHistories((old) => new Map(old).set(id, appendSample(old.get(id) ?? [], sample)))),
      );
    }
    setHistories((old) => {
      const kept = new Map([...old].filter(([id]) => wanted.has(id)));
      return kept.size === old.size ? old : kept;
    });
  }, [api, key]);

  useEffect(() => {
    const streams = open.current;
    return () => {
      for (const close of streams.values()) close();
      streams.clear();
    };
  }, [api]);

  return histories;
}
