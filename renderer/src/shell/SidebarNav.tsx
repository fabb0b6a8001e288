import { groupPages } from './page-groups.ts';
import { useNavStore } from './nav-store.ts';
import { pages } from './pages.tsx';

const sections = groupPages(pages);

/**
 * The sidebar: Home, then ML, Environments and Engine. A headed section folds with its heading's
 * button (aria-expanded); a folded section still shows the page that is open. The list scrolls
 * when the window is too short, so no page is ever out of reach.
 */
export function SidebarNav({ page, onOpen }: { page: string; onOpen(page: string): void }) {
  const collapsed = useNavStore((s) => s.collapsed);
  const toggle = useNavStore((s) => s.toggle);
  return (
    <nav aria-label="Main" className="sidebar-nav">
      {sections.map((section) => {
        const folded = section.heading && collapsed[section.id] === true;
        const listId = `nav-group-${section.id}`;
        const shown = folded ? section.pages.filter((entry) => entry.id === page) : section.pages;
        return (
          <div key={section.id} className={`nav-group nav-group-${section.id}`}>
            {section.heading && (
              <h2 className="nav-group-heading">
                <button type="button" className="nav-group-toggle" aria-expanded={!folded} aria-controls={listId} onClick={() => toggle(section.id)}>
                  <span className="nav-group-caret" aria-hidden="true">
                    {folded ? '▸' : '▾'}
                  </span>
                  {section.label}
                </button>
              </h2>
            )}
            <ul className="nav-list" id={listId} aria-label={section.label}>
              {shown.map((entry) => (
                <li key={entry.id}>
                  <button type="button" className="nav-item" aria-current={page === entry.id ? 'page' : undefined} onClick={() => onOpen(entry.id)}>
                    {entry.label}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
