import { Component, type ReactNode } from 'react';

/** Keeps a fault in one Home section inside it: the section says so, the rest of Home stays. */
export class SectionBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="tile" aria-label={this.props.name}>
          <h2>{this.props.name}</h2>
          <p role="alert" className="tile-note tile-warning">
            This part of Home failed to draw ({this.state.error.message}); the rest works. Open its page from the sidebar.
          </p>
        </section>
      );
    }
    return this.props.children;
  }
}
