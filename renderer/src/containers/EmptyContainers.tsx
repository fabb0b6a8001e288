/** What to show when there is nothing to list: teaches the next step. */
export function EmptyContainers({ filtered, onClearFilter }: { filtered: boolean; onClearFilter(): void }) {
  if (filtered) {
    return (
      <div className="empty-state">
        <p>No containers match the filter.</p>
        <button type="button" className="button" onClick={onClearFilter}>
          Clear filter
        </button>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <p className="empty-title">No containers yet</p>
      <p>Start a container from a terminal: it appears here at once.</p>
      <pre className="empty-command">
        <code>docker run -d --name web -p 8080:80 nginx</code>
      </pre>
    </div>
  );
}
