import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useState } from 'react';
import type { LineageGraph as Graph, LineageNode } from '../../../shared/catalog/model.ts';
import { useApiClient } from '../api/api-context.tsx';
import { layoutGraph } from '../graph/elk-layout.ts';
import { foldArtifacts } from './fold-artifacts.ts';
import { openRunOnPipelines } from './open-run.ts';

type LineageFlowNode = Node<{ node: LineageNode }, 'lineage'>;

const NODE_WIDTH = 190;
const NODE_HEIGHT = 58;
const KIND_LABEL: Record<LineageNode['kind'], string> = {
  dataset: 'dataset',
  artifact: 'artifact',
  step: 'step',
  model_version: 'model',
  feature_set: 'features',
  run: 'run',
  image: 'image',
};

function LineageNodeView({ data }: NodeProps<LineageFlowNode>) {
  const api = useApiClient();
  const { node } = data;
  return (
    <div className={`lineage-node lineage-${node.kind}`} data-kind={node.kind}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="lineage-kind">{KIND_LABEL[node.kind]}</span>
      <span className="lineage-label" title={node.digest ?? undefined}>
        {node.label}
      </span>
      {node.runId && (
        <button type="button" className="link-button lineage-run nodrag nopan" aria-label={`Open run ${node.runId} (${node.label})`} onClick={(event) => {
            event.stopPropagation();
            void openRunOnPipelines(api, node.runId as string);
          }}>
          run {node.runId}
        </button>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { lineage: LineageNodeView };

/** Dataset → steps → model, laid out left to right by elk (artifacts between steps label the edges); every node opens its run. */
export function LineageGraph({ graph }: { graph: Graph }) {
  const api = useApiClient();
  const [flow, setFlow] = useState<{ nodes: LineageFlowNode[]; edges: Edge[] } | null>(null);
  useEffect(() => {
    let live = true;
    const display = foldArtifacts(graph);
    const edges = display.edges.map((e, index) => ({ id: `e${index}:${e.source}->${e.target}`, source: e.source, target: e.target }));
    void layoutGraph({ nodes: display.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })), edges }, { layerSpacing: 72, nodeSpacing: 16 }).then((layout) => {
      if (!live) return;
      setFlow({
        nodes: display.nodes.map((node) => ({ id: node.id, type: 'lineage', position: layout.positions.get(node.id) ?? { x: 0, y: 0 }, data: { node }, draggable: false, connectable: false })),
        edges: display.edges.map((e, index) => ({ id: edges[index].id, source: e.source, target: e.target, label: e.label ?? undefined, animated: e.relation === 'selected' })),
      });
    });
    return () => {
      live = false;
    };
  }, [graph]);
  const onNodeClick = useCallback(
    (_event: unknown, node: LineageFlowNode) => {
      if (node.data.node.runId) void openRunOnPipelines(api, node.data.node.runId);
    },
    [api],
  );
  return (
    <div className="lineage-canvas" aria-label="Lineage graph" role="figure">
      {flow && (
        <ReactFlow<LineageFlowNode> nodes={flow.nodes} edges={flow.edges} nodeTypes={nodeTypes} onNodeClick={onNodeClick} fitView fitViewOptions={{ padding: 0.12, maxZoom: 1 }} nodesConnectable={false} proOptions={{ hideAttribution: true }} minZoom={0.2}>
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </div>
  );
}
