import { Background, Controls, MiniMap, ReactFlow, applyEdgeChanges, applyNodeChanges, type Connection, type Edge, type EdgeChange, type NodeChange, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PipelineGraph } from '../../../../shared/pipeline/edit/pipeline-graph.ts';
import { buildEdges, buildNodes, type Positions, type StepFlowNode } from './build-flow.ts';
import { ArtifactEdge } from './ArtifactEdge.tsx';
import { StepNode } from './StepNode.tsx';
import { useLayoutPositions } from './use-layout-positions.ts';

const nodeTypes = { step: StepNode };
const edgeTypes = { artifact: ArtifactEdge };
const FIT_VIEW = { padding: 0.12, maxZoom: 1.1 } as const;
const MINIMAP_SIZE = { width: 150, height: 96 } as const;

/** The previous array when every item is the same object: no state change, no re-render. */
function sameItems<T>(previous: T[], next: T[]): T[] {
  return previous.length === next.length && next.every((item, i) => item === previous[i]) ? previous : next;
}

export interface DagCanvasProps {
  graph: PipelineGraph;
  /** Positions from the layout sidecar; steps without one take the layered layout's. */
  saved: Positions;
  selected: string | null;
  readOnly?: boolean;
  onSelect(step: string | null): void;
  onMoved(positions: Record<string, { x: number; y: number }>): void;
  onConnect(upstream: string, step: string): void;
  onDeleteDependency(upstream: string, step: string): void;
}

/** The pipeline as a left-to-right DAG: zoom, fit, minimap; drag to connect; Delete removes a selected dependency. */
export function DagCanvas({ graph, saved, selected, readOnly = false, onSelect, onMoved, onConnect, onDeleteDependency }: DagCanvasProps) {
  const { ready, positions } = useLayoutPositions(graph);
  // The layout is synchronous: the first render already has every node (React Flow mounts once).
  const [nodes, setNodes] = useState<StepFlowNode[]>(() => (ready ? buildNodes(graph, saved, positions, [], selected) : []));
  const [edges, setEdges] = useState<Edge[]>(() => (ready ? buildEdges(graph, []) : []));
  const flow = useRef<ReactFlowInstance<StepFlowNode> | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // The canvas narrows when the step panel or the editor opens: fit the graph to the new size.
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let width = element.clientWidth;
    const observer = new ResizeObserver(() => {
      if (Math.abs(element.clientWidth - width) < 40) return;
      width = element.clientWidth;
      void flow.current?.fitView(FIT_VIEW);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (!ready) return;
    setNodes((previous) => sameItems(previous, buildNodes(graph, saved, positions, previous, selected)));
    setEdges((previous) => sameItems(previous, buildEdges(graph, previous)));
  }, [graph, saved, ready, positions, selected]);

  const onNodesChange = useCallback((changes: NodeChange<StepFlowNode>[]) => setNodes((current) => applyNodeChanges(changes, current)), []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((current) => applyEdgeChanges(changes, current)), []);
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: StepFlowNode, dragged: StepFlowNode[]) => onMoved(Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]))),
    [onMoved],
  );
  const handleConnect = useCallback((connection: Connection) => onConnect(connection.source, connection.target), [onConnect]);
  const onEdgesDelete = useCallback(
    (deleted: Edge[]) => {
      for (const edge of deleted) if (edge.id.startsWith('d:')) onDeleteDependency(edge.source, edge.target);
    },
    [onDeleteDependency],
  );
  const onNodeClick = useCallback((_event: unknown, node: StepFlowNode) => onSelect(node.id), [onSelect]);
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);
  const minimapColor = useMemo(() => () => 'var(--border-strong)', []);

  return (
    <div className="dag-canvas" aria-label="Pipeline graph" ref={box}>
      <ReactFlow<StepFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={FIT_VIEW}
        onInit={(instance) => {
          flow.current = instance;
        }}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={handleConnect}
        onEdgesDelete={onEdgesDelete}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesDraggable
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        onNodesDelete={undefined}
        onlyRenderVisibleElements
        minZoom={0.02}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={minimapColor} style={MINIMAP_SIZE} />
      </ReactFlow>
    </div>
  );
}
