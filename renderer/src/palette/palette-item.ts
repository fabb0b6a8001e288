/** One line of the command palette: a place to go or an action to run. */
export interface PaletteItem {
  /** Unique across sources. */
  id: string;
  /** What the line says, e.g. "Stop web-1"; also what the search matches first. */
  label: string;
  /** The section it is listed under: Pages, Containers, Volumes, Actions… */
  group: string;
  /** More words the search matches (an id, an image, a synonym). */
  keywords?: string;
  /** A key combination shown beside it, e.g. "Alt+2". */
  shortcut?: string;
  run(): void;
}

/** A source is a React hook: it may read live lists and stores; the registry calls each on every render. */
export type PaletteSource = () => readonly PaletteItem[];
