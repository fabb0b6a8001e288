import { runStateSchema } from '../../../shared/pipeline/run-model.ts';
import { useRunsUi, type TimeRange } from './runs-ui-store.ts';

const RANGES: [TimeRange, string][] = [
  ['any', 'Any time'],
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
];

/** Pipeline, state, time range and free text; they combine. */
export function RunFiltersBar({ pipelines }: { pipelines: readonly string[] }) {
  const filters = useRunsUi((s) => s.filters);
  const setFilters = useRunsUi((s) => s.setFilters);
  return (
    <div className="run-filters">
      <input
        className="input filter-input"
        type="search"
        aria-label="Filter runs"
        placeholder="Filter by name, id, pipeline, param, message"
        value={filters.text}
        onChange={(e) => setFilters({ text: e.currentTarget.value })}
      />
      <label className="select-label">
        Pipeline
        <select className="select" aria-label="Pipeline" value={filters.pipeline} onChange={(e) => setFilters({ pipeline: e.currentTarget.value })}>
          <option value="">All</option>
          {pipelines.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="select-label">
        State
        <select className="select" aria-label="State" value={filters.state} onChange={(e) => setFilters({ state: e.currentTarget.value as typeof filters.state })}>
          <option value="">All</option>
          {runStateSchema.options.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </label>
      <label className="select-label">
        Time
        <select className="select" aria-label="Time range" value={filters.range} onChange={(e) => setFilters({ range: e.currentTarget.value as TimeRange })}>
          {RANGES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
