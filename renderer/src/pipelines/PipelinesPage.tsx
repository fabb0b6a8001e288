import { useEffect } from 'react';
import { useOpenRun } from './open-run.ts';
import { PipelineView } from './PipelineView.tsx';
import { usePipelinesUiStore } from './pipelines-ui-store.ts';
import { WorkspaceFiles } from './WorkspaceFiles.tsx';

/** Pipelines: the files of the workspace folders, or one open pipeline. Unsaved drafts survive page changes; closing the window warns. */
export function PipelinesPage() {
  const openFile = usePipelinesUiStore((s) => s.openFile);
  const open = usePipelinesUiStore((s) => s.open);
  const openRunRequest = useOpenRun((s) => s.request);

  // "Open in graph" from a run: open its pipeline file with that run's states on the DAG.
  useEffect(() => {
    if (openRunRequest === null) return;
    const { runId, file, seq } = openRunRequest;
    if (file !== null) {
      usePipelinesUiStore.getState().watchRun(file, runId);
      open(file);
    }
    useOpenRun.getState().consume(seq);
  }, [openRunRequest, open]);

  if (openFile === null) return <WorkspaceFiles />;
  return (
    <div className="page pipeline-page">
      <PipelineView
        key={openFile}
        file={openFile}
        onBack={() => {
          const state = usePipelinesUiStore.getState();
          const draft = state.drafts[openFile];
          if (draft && draft.text !== draft.savedText) {
            if (!window.confirm('This pipeline has unsaved changes. Leave them as a draft (kept until you close Benchtop) and go back? Save first to write them to disk.')) return;
          } else state.dropDraft(openFile);
          open(null);
        }}
      />
    </div>
  );
}
