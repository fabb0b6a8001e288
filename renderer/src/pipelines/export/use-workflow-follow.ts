import { useEffect, useState } from 'react';
import type { FollowEvent } from '../../../../shared/api/methods/exports.ts';
import { errorMessage } from '../../api/api-call-error.ts';
import { useApiClient } from '../../api/api-context.tsx';

export interface WorkflowView {
  phase: string | null;
  message: string | null;
  /** Node display name → its latest phase, in the order they first appeared. */
  nodes: { name: string; phase: string; message: string | null }[];
  logs: { name: string; text: string }[];
  error: string | null;
  ended: boolean;
}

const EMPTY: WorkflowView = { phase: null, message: null, nodes: [], logs: [], error: null, ended: false };

/** Follows a submitted workflow through `exports.follow` while `target` is set. */
export function useWorkflowFollow(target: { context: string; namespace: string; name: string } | null): WorkflowView {
  const api = useApiClient();
  const [view, setView] = useState<WorkflowView>(EMPTY);
  useEffect(() => {
    if (!target) return;
    setView(EMPTY);
    const apply = (event: FollowEvent) =>
      setView((current) => {
        if (event.type === 'workflow') return { ...current, phase: event.phase, message: event.message };
        if (event.type === 'log') return { ...current, logs: [...current.logs, { name: event.displayName, text: event.text }] };
        const known = current.nodes.some((n) => n.name === event.displayName);
        const node = { name: event.displayName, phase: event.phase, message: event.message };
        return { ...current, nodes: known ? current.nodes.map((n) => (n.name === event.displayName ? node : n)) : [...current.nodes, node] };
      });
    return api.subscribe('exports.follow', { ...target, logs: true }, apply, (error) => setView((current) => ({ ...current, ended: true, error: error ? errorMessage(error) : null })));
  }, [api, target]);
  return view;
}
