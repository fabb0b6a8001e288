import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ImageSummary } from '../../../shared/domain/images.ts';
import { useApiClient } from '../api/api-context.tsx';
import { applyImageChange } from './apply-image-change.ts';

/** The one cache entry the live image list lives in: React Query key = [method, input]. */
export const IMAGES_LIST_KEY = ['images.list', { all: false }] as const;

export interface LiveImages {
  images: ImageSummary[] | undefined;
  isPending: boolean;
  error: Error | null;
  /** Why the list may be behind (the engine's events or the link to the core dropped). */
  streamProblem: string | null;
}

/**
 * The image list, kept live by `images.changes`: each message patches the cached list in place.
 * The list call only fills the cache until the stream's first snapshot; nothing polls.
 */
export function useLiveImages(): LiveImages {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [streamProblem, setStreamProblem] = useState<string | null>(null);

  const query = useQuery({
    queryKey: IMAGES_LIST_KEY,
    queryFn: async () => {
      const list = await api.call('images.list', { all: false });
      // The stream may have written a newer list while this call was in flight.
      return queryClient.getQueryData<ImageSummary[]>(IMAGES_LIST_KEY) ?? list;
    },
    staleTime: Infinity,
  });

  useEffect(() => {
    let closed = false;
    let close: () => void = () => {};
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      close = api.subscribe(
        'images.changes',
        {},
        (change) => {
          if (change.type === 'disconnected') {
            setStreamProblem(change.message);
            return;
          }
          if (change.type === 'snapshot') setStreamProblem(null);
          queryClient.setQueryData<ImageSummary[]>(IMAGES_LIST_KEY, (old) => applyImageChange(old, change));
        },
        (error) => {
          if (closed) return;
          setStreamProblem(error ? error.message : 'The engine event stream ended.');
          reopenTimer = setTimeout(open, 3000);
        },
        { onInterrupted: (info) => setStreamProblem(info.message) },
      );
    };
    open();
    return () => {
      closed = true;
      if (reopenTimer !== null) clearTimeout(reopenTimer);
      close();
    };
  }, [api, queryClient]);

  return { images: query.data, isPending: query.isPending, error: query.error, streamProblem };
}
