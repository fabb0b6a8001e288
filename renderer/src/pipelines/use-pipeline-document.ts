import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { usePipelinesUiStore, type PipelineDraft } from './pipelines-ui-store.ts';
import { useApiQuery } from '../api/use-api.ts';

/**
 * An open pipeline file: its draft text (kept in the UI store across page changes), explicit save
 * with the conflict check, and reload (which drops the draft: callers confirm first).
 */
export function usePipelineDocument(file: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const draft: PipelineDraft | undefined = usePipelinesUiStore((s) => s.drafts[file]);
  const setDraft = usePipelinesUiStore((s) => s.setDraft);
  const setText = usePipelinesUiStore((s) => s.setText);
  const read = useApiQuery('workspaces.readFile', { file }, { staleTime: Infinity, gcTime: 0 });

  useEffect(() => {
    if (read.data && !usePipelinesUiStore.getState().drafts[file]) setDraft(file, { text: read.data.text, savedText: read.data.text, version: read.data.version });
  }, [read.data, file, setDraft]);

  const save = useMutation({
    mutationFn: (text: string) => {
      const current = usePipelinesUiStore.getState().drafts[file];
      if (!current) throw new Error('The file is not loaded yet.');
      return api.call('workspaces.writeFile', { file, text, version: current.version }).then((result) => ({ text, version: result.version }));
    },
    onSuccess: ({ text, version }) => {
      const current = usePipelinesUiStore.getState().drafts[file];
      setDraft(file, { text: current?.text ?? text, savedText: text, version });
      void queryClient.invalidateQueries({ queryKey: ['workspaces.files'] });
    },
  });

  const reload = useCallback(async () => {
    const fresh = await api.call('workspaces.readFile', { file });
    setDraft(file, { text: fresh.text, savedText: fresh.text, version: fresh.version });
    save.reset();
  }, [api, file, setDraft, save]);

  return {
    text: draft?.text ?? read.data?.text ?? null,
    /** The text as read from disk with the core's graph of it (null until read). */
    loaded: read.data ?? null,
    dirty: draft !== undefined && draft.text !== draft.savedText,
    loadError: read.error,
    setText: (text: string) => setText(file, text),
    save,
    reload,
  };
}

/** The layout sidecar: positions the person dragged; written on each drag end, never into the pipeline file. */
export function usePipelineLayout(file: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const key = ['workspaces.readLayout', { file }];
  const layout = useQuery({ queryKey: key, queryFn: () => api.call('workspaces.readLayout', { file }), staleTime: Infinity });
  const write = useMutation({
    mutationFn: (moved: Record<string, { x: number; y: number }>) => {
      const positions = { ...(queryClient.getQueryData<{ positions: Record<string, { x: number; y: number }> }>(key)?.positions ?? {}), ...moved };
      queryClient.setQueryData(key, { positions });
      return api.call('workspaces.writeLayout', { file, layout: { positions } });
    },
  });
  return { positions: layout.data?.positions ?? null, write };
}
