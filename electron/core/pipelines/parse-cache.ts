import { parsePipeline, type PipelineParse } from '../../../shared/pipeline/validate.ts';

const KEEP = 16;

/**
 * `parsePipeline` remembered for the last few file texts. Parsing is pure, and re-running the same
 * file (a cached re-run, a schedule's tick, a retry) parsed the same YAML again: in a fully cached
 * 30-step re-run it was more than half of the CPU. Results are frozen so no caller can change
 * what the next one gets.
 */
export class PipelineParseCache {
  readonly #parsed = new Map<string, PipelineParse>();

  parse(text: string): PipelineParse {
    const known = this.#parsed.get(text);
    if (known !== undefined) {
      // Most recently used last.
      this.#parsed.delete(text);
      this.#parsed.set(text, known);
      return known;
    }
    const parsed = deepFreeze(parsePipeline(text));
    if (this.#parsed.size >= KEEP) this.#parsed.delete(this.#parsed.keys().next().value as string);
    this.#parsed.set(text, parsed);
    return parsed;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
