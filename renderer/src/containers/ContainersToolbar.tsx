import { STATE_FILTERS, isStateFilter, type StateFilter } from './filter-containers.ts';

export interface ContainersToolbarProps {
  filterText: string;
  stateFilter: StateFilter;
  selectedCount: number;
  onFilterText(text: string): void;
  onStateFilter(state: StateFilter): void;
  onStartSelected(): void;
  onStopSelected(): void;
  onRemoveSelected(): void;
  onRun(): void;
}

/** Filter by text and state; bulk actions appear once something is selected. */
export function ContainersToolbar(props: ContainersToolbarProps) {
  return (
    <div className="toolbar">
      <button type="button" className="button button-primary" onClick={props.onRun}>
        Run a container
      </button>
      <input
        type="text"
        className="input filter-input"
        aria-label="Filter containers"
        placeholder="Filter by name or image"
        value={props.filterText}
        onChange={(event) => props.onFilterText(event.currentTarget.value)}
      />
      <label className="select-label">
        <span>State</span>
        <select
          className="select"
          aria-label="State"
          value={props.stateFilter}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isStateFilter(value)) props.onStateFilter(value);
          }}
        >
          {STATE_FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {props.selectedCount > 0 && (
        <div className="bulk-actions" role="group" aria-label="Selected containers">
          <span className="bulk-count">{props.selectedCount} selected</span>
          <button type="button" className="button" onClick={props.onStartSelected}>
            Start selected
          </button>
          <button type="button" className="button" onClick={props.onStopSelected}>
            Stop selected
          </button>
          <button type="button" className="button button-danger" onClick={props.onRemoveSelected}>
            Remove selected
          </button>
        </div>
      )}
    </div>
  );
}
