import type { ModelVersion } from '../../../shared/catalog/model.ts';
import { compareRows, lowerIsBetter } from './compare-rows.ts';
import { WideTable } from '../ui/WideTable.tsx';

/** Versions side by side: metrics, params and tags; rows whose values differ are highlighted, the best metric marked. */
export function VersionCompare({ versions }: { versions: readonly ModelVersion[] }) {
  const rows = compareRows(versions);
  if (rows.length === 0) return <p className="muted">These versions carry no metrics, params or tags to compare.</p>;
  let section = '';
  return (
    <WideTable className="table-scroll-auto">
      <table className="resource-table compare-table" aria-label="Version comparison">
        <thead>
          <tr>
            <th scope="col">Key</th>
            {versions.map((v) => (
              <th scope="col" key={v.version}>
                v{v.version}
                {v.aliases.length > 0 && <span className="alias-chip">{v.aliases.join(', ')}</span>}
                {v.source.step && <span className="muted compare-source">{v.source.step}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) => {
            const out = [];
            if (row.section !== section) {
              section = row.section;
              out.push(
                <tr key={`s:${section}`} className="compare-section">
                  <th colSpan={versions.length + 1} scope="rowgroup">
                    {section}
                  </th>
                </tr>,
              );
            }
            out.push(
              <tr key={`${row.section}:${row.key}`} className={row.differs ? 'compare-differs' : undefined} data-differs={row.differs ? 'true' : undefined}>
                <th scope="row">{row.key}</th>
                {row.values.map((value, index) => (
                  <td key={index} className={row.best === index ? 'compare-best' : undefined} title={row.best === index ? (lowerIsBetter(row.key) ? 'lowest (best)' : 'highest (best)') : undefined}>
                    {value ?? <span className="muted">—</span>}
                  </td>
                ))}
              </tr>,
            );
            return out;
          })}
        </tbody>
      </table>
    </WideTable>
  );
}
