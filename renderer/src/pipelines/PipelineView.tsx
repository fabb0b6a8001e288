import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import schema from '../../../resources/schemas/pipeline.schema.json' with { type: 'json' };
import { addDependency, removeDependency } from '../../../shared/pipeline/edit/dependency-edits.ts';
import { readPipelineGraph } from '../../../shared/pipeline/edit/pipeline-graph.ts';
import { addStep, dependentsOf, removeStep } from '../../../shared/pipeline/edit/step-edits.ts';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { LoadErrorAlert } from './LoadErrorAlert.tsx';
import { AddStepDialog } from './AddStepDialog.tsx';
import { DagCanvas } from './dag/DagCanvas.tsx';
import { useLiveRunStore } from './dag/live-run-store.ts';
import { DeleteStepDialog } from './DeleteStepDialog.tsx';
import { ExportDialog } from './export/ExportDialog.tsx';
import { usePipelinesUiStore } from './pipelines-ui-store.ts';
import { RunDialog } from './run/RunDialog.tsx';
import { StepPanel } from './step/StepPanel.tsx';
import { usePipelineDocument, usePipelineLayout } from './use-pipeline-document.ts';
import { useLiveRun } from './use-live-run.ts';
import { completionsAt, type SchemaNode } from './yaml/schema-completion.ts';
import { YamlEditor } from './yaml/YamlEditor.tsx';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

const VALIDATE_AFTER_MS = 350;
const EMPTY_POSITIONS = {};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** One pipeline file: the live DAG, the YAML beside it, the step panel; edits on either side show on the other. */
export function PipelineView({ file, onBack }: { file: string; onBack(): void }) {
  const api = useApiClient();
  const doc = usePipelineDocument(file);
  const layout = usePipelineLayout(file);
  const selected = usePipelinesUiStore((s) => s.selectedStep);
  const selectStep = usePipelinesUiStore((s) => s.selectStep);
  const editorOpen = usePipelinesUiStore((s) => s.editorOpen);
  const toggleEditor = usePipelinesUiStore((s) => s.toggleEditor);
  const watchRun = usePipelinesUiStore((s) => s.watchRun);
  const setProblems = useLiveRunStore((s) => s.setProblems);
  const [dialog, setDialog] = useState<null | 'run' | 'export' | 'add' | { delete: string; dependents: string[] }>(null);
  const [editError, setEditError] = useState<unknown>(null);

  const text = doc.text ?? '';
  const deferredText = useDeferredValue(text);
  // The text as read comes with the core's graph: the first paint parses nothing (edits parse deferred).
  const loaded = doc.loaded;
  const asRead = loaded !== null && (loaded.text === text || loaded.text === deferredText);
  const graph = useMemo(() => (asRead ? loaded.graph : readPipelineGraph(deferredText)), [asRead, loaded, deferredText]);
  const [lastGraph, setLastGraph] = useState(graph);
  if (graph && graph !== lastGraph) setLastGraph(graph);
  const shownGraph = graph ?? lastGraph;

  const validateText = useDebounced(text, VALIDATE_AFTER_MS);
  const validation = useQuery({
    queryKey: ['pipelines.validate', { text: validateText }],
    queryFn: () => api.call('pipelines.validate', { text: validateText }),
    // Not the empty text of the moment between loading the file and the debounce catching up.
    enabled: doc.text !== null && (validateText !== '' || text === ''),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const problems = useMemo(() => validation.data?.problems ?? [], [validation.data]);
  useEffect(() => {
    const byStep: Record<string, string[]> = {};
    for (const p of problems) {
      if (p.path[0] === 'steps' && typeof p.path[1] === 'string') (byStep[p.path[1]] ??= []).push(`${p.line}:${p.column} ${p.message}`);
    }
    setProblems(byStep);
  }, [problems, setProblems]);
  useEffect(() => () => setProblems({}), [setProblems]);

  const pipelineName = validation.data?.name ?? null;
  const live = useLiveRun(file, pipelineName);
  const runState = useLiveRunStore((s) => s.runState);
  const engineWait = useLiveRunStore((s) => s.engineWait);

  const edit = useCallback(
    (change: (text: string) => string) => {
      try {
        doc.setText(change(usePipelinesUiStore.getState().drafts[file]?.text ?? ''));
        setEditError(null);
      } catch (error) {
        setEditError(error);
      }
    },
    [doc, file],
  );

  const save = useCallback(() => {
    if (doc.text !== null && doc.dirty && !doc.save.isPending) doc.save.mutate(doc.text);
  }, [doc]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 's' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const complete = useCallback((value: string, offset: number) => {
    const result = completionsAt(schema as SchemaNode, value, offset);
    return { items: result.items, prefix: result.context.prefix };
  }, []);

  const onConnect = useCallback((upstream: string, step: string) => edit((t) => addDependency(t, step, upstream)), [edit]);
  const onDeleteDependency = useCallback((upstream: string, step: string) => edit((t) => removeDependency(t, step, upstream)), [edit]);
  const onMoved = useCallback((moved: Record<string, { x: number; y: number }>) => layout.write.mutate(moved), [layout.write]);
  const askDelete = (step: string) => {
    try {
      const dependents = dependentsOf(text, step);
      if (dependents.length === 0) {
        edit((t) => removeStep(t, step));
        selectStep(null);
      } else setDialog({ delete: step, dependents });
    } catch (error) {
      setEditError(error);
    }
  };
  const conflict = doc.save.error && typeof doc.save.error === 'object' && 'code' in doc.save.error && doc.save.error.code === 'conflict';
  const stepNames = shownGraph?.steps.map((s) => s.name) ?? [];
  const defaultImage = shownGraph?.steps[0]?.image ?? 'benchtop-test/busybox';

  return (
    <div className="pipeline-view">
      <div className="pipeline-toolbar toolbar">
        <button type="button" className="button button-small" onClick={onBack}>
          ← Pipelines
        </button>
        <h2 className="pipeline-title mono" title={file}>
          {pipelineName ?? file.split('/').at(-1)}
          {doc.dirty && <span className="pipeline-dirty" aria-label="Unsaved changes"> ●</span>}
        </h2>
        <CopyLinkButton what={`pipeline ${pipelineName ?? file}`} />
        <span className={`pipeline-validity${problems.length ? ' pipeline-invalid' : ''}`} role="status" aria-label="Validation">
          {validation.data === undefined ? 'Checking…' : problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'Valid'}
        </span>
        {live.runId && (
          <span className="muted pipeline-run" aria-label="Watched run">
            {live.detail?.name ?? 'run'} <span className="mono">{live.runId}</span> · {runState ?? '…'}
          </span>
        )}
        {engineWait && (
          <span className="run-engine-wait" role="status" title={engineWait}>
            Waiting for the engine
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => setDialog('add')} disabled={doc.text === null}>
          Add step
        </button>
        <button type="button" className="button button-small" onClick={toggleEditor} aria-pressed={editorOpen}>
          YAML
        </button>
        <button type="button" className="button button-small" onClick={() => setDialog('export')} disabled={doc.text === null}>
          Export
        </button>
        <button type="button" className="button button-small" onClick={() => setDialog('run')} disabled={doc.text === null}>
          Run
        </button>
        <button type="button" className="button button-small button-primary" onClick={save} disabled={!doc.dirty || doc.save.isPending} title="Ctrl+S">
          {doc.save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      {doc.loadError && <LoadErrorAlert error={doc.loadError} file={file} />}
      {editError !== null && <ErrorAlert error={editError} onDismiss={() => setEditError(null)} />}
      {doc.save.error && (
        <div className="pipeline-save-error">
          <ErrorAlert error={doc.save.error} onDismiss={() => doc.save.reset()} />
          {conflict && (
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => {
                if (window.confirm('Reload the file from disk and drop your unsaved edits? Copy them first if you want to keep them.')) void doc.reload();
              }}
            >
              Reload from disk (drops my edits)
            </button>
          )}
        </div>
      )}
      {doc.save.isSuccess && !doc.dirty && (
        <p className="muted pipeline-saved" role="status">
          Saved.
        </p>
      )}
      <div className={`pipeline-body${editorOpen ? ' pipeline-body-editor' : ''}${selected ? ' pipeline-body-panel' : ''}`}>
        {shownGraph ? (
          <DagCanvas
            graph={shownGraph}
            saved={layout.positions ?? EMPTY_POSITIONS}
            selected={selected}
            onSelect={selectStep}
            onMoved={onMoved}
            onConnect={onConnect}
            onDeleteDependency={onDeleteDependency}
          />
        ) : (
          <div className="dag-canvas dag-canvas-empty muted">{doc.text === null ? 'Loading…' : 'The YAML cannot be read: fix it in the editor.'}</div>
        )}
        {selected && stepNames.includes(selected) && (
          <StepPanel
            key={selected}
            step={selected}
            text={text}
            steps={stepNames}
            runId={live.runId}
            detail={live.detail}
            onApply={(next) => doc.setText(next)}
            onRenamed={(name) => selectStep(name)}
            onDelete={() => askDelete(selected)}
            onClose={() => selectStep(null)}
          />
        )}
        {editorOpen && doc.text !== null && <YamlEditor label="Pipeline YAML" text={doc.text} onChange={doc.setText} problems={problems} complete={complete} />}
      </div>
      {dialog === 'add' && (
        <AddStepDialog
          defaultImage={defaultImage}
          upstream={selected}
          onClose={() => setDialog(null)}
          onAdd={(step) => {
            doc.setText(addStep(text, step));
            setDialog(null);
            selectStep(step.name);
          }}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <DeleteStepDialog
          step={dialog.delete}
          dependents={dialog.dependents}
          onClose={() => setDialog(null)}
          onConfirm={() => {
            edit((t) => removeStep(t, dialog.delete));
            selectStep(null);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'run' && (
        <RunDialog
          text={text}
          file={file}
          onClose={() => setDialog(null)}
          onStarted={(runId) => {
            watchRun(file, runId);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'export' && <ExportDialog text={text} file={file} onClose={() => setDialog(null)} />}
    </div>
  );
}
