/**
 * Images the core itself made that the engine announces with no event (the classic builder's
 * untagged result, or the last good step of a failed build): the build tells the live list here.
 */
export class ImageNudges {
  readonly #listeners = new Set<(ids: readonly string[]) => void>();

  subscribe(listener: (ids: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  nudge(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const listener of [...this.#listeners]) listener(ids);
  }
}
