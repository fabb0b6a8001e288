import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

/**
 * An artifact flow: a dashed curve with the artifact names as an HTML label at its middle. React
 * Flow's own SVG label measures its text box after mounting and renders again (a forced layout per
 * label); this one is placed by CSS, so a 200-step DAG opens without those passes.
 */
export const ArtifactEdge = memo(function ArtifactEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      {label && (
        <EdgeLabelRenderer>
          <div className="dag-edge-label" data-edge={id} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
