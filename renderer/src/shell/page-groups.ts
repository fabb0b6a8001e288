/**
 * The sidebar's sections, in order, as the work is: Home on top, the ML work, environments, then
 * the container engine underneath. A section with a heading can be collapsed; one of a single page
 * (Home, Environments) is that page's button alone.
 */
export const pageGroups = [
  { id: 'home', label: 'Home', heading: false },
  { id: 'ml', label: 'ML', heading: true },
  { id: 'environments', label: 'Environments', heading: false },
  { id: 'engine', label: 'Engine', heading: true },
] as const;

export type PageGroupId = (typeof pageGroups)[number]['id'];

export interface GroupedPage {
  id: string;
  label: string;
  group: PageGroupId;
}

export interface PageSection<P extends GroupedPage> {
  id: PageGroupId;
  label: string;
  heading: boolean;
  pages: P[];
}

/** The pages split into the sidebar's sections, in the groups' order and the registry's order within each; empty groups are left out. */
export function groupPages<P extends GroupedPage>(list: readonly P[]): PageSection<P>[] {
  return pageGroups
    .map((group) => ({ id: group.id, label: group.label, heading: group.heading, pages: list.filter((page) => page.group === group.id) }))
    .filter((section) => section.pages.length > 0);
}
