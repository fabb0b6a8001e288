import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';

export const DISK_USAGE_KEY = ['system.df', {}] as const;

/** The engine's system df, read when a page showing it mounts and after a prune; never on a timer. */
export function useDiskUsage() {
  const api = useApiClient();
  return useQuery({ queryKey: DISK_USAGE_KEY, queryFn: () => api.call('system.df', {}), refetchOnMount: 'always' });
}
