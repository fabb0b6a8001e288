import { STEP_OUTPUT_LINES, type BuildFailure, type BuildLine, type BuildLogUpdate, type BuildOutputParser } from './build-log.ts';

/** "#5 [2/3] RUN make" or "#5 [builder 2/3] RUN make". */
const VERTEX = /^#(\d+) (\[[^\]]*\] .*|\[internal\].*|.*)$/;
const STEP_COUNT = /^\[(?:[^\]\s]+ )?(\d+)\/(\d+)\]/;
const OUTPUT = /^#(\d+) \d+\.\d+ (.*)$/;
const ERROR = /^#(\d+) ERROR: (.*)$/;
const DONE = /^#(\d+) (?:DONE|CACHED)/;
const FINAL_ERROR = /^ERROR: (.*)$/;

/**
 * Parses `docker buildx build --progress=plain` output: vertices "#N name", their output
 * "#N 0.123 text", "#N DONE/CACHED/ERROR: …" and the closing "ERROR: failed to solve: …". The
 * failed step is the vertex that reported ERROR, with its output.
 */
export class BuildxOutputParser implements BuildOutputParser {
  readonly #names = new Map<number, string>();
  readonly #output = new Map<number, string[]>();
  readonly #done = new Set<number>();
  #pending: BuildLine[] = [];
  #partial = '';
  #step: string | null = null;
  #total = 0;
  #failedVertex: number | null = null;
  #failure: BuildFailure | null = null;
  #imageId: string | null = null;

  push(chunk: string): void {
    const parts = (this.#partial + chunk).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) this.#line(part.replace(/\r$/, ''));
  }

  end(): void {
    if (this.#partial) this.#line(this.#partial);
    this.#partial = '';
  }

  /** From --iidfile once the build finished. */
  setImageId(id: string | null): void {
    this.#imageId = id;
  }

  update(): BuildLogUpdate | null {
    if (this.#pending.length === 0) return null;
    const lines = this.#pending;
    this.#pending = [];
    return { lines, step: this.#step, fraction: this.#fraction() };
  }

  failure(): BuildFailure | null {
    return this.#failure;
  }

  /** A buildx that exited non-zero without an ERROR line still failed. */
  failWith(message: string): void {
    this.#failure ??= { message, failedStep: this.#step, stepOutput: [] };
  }

  imageId(): string | null {
    return this.#imageId;
  }

  #fraction(): number | null {
    if (this.#total === 0) return null;
    let done = 0;
    for (const vertex of this.#done) if (STEP_COUNT.test(this.#names.get(vertex) ?? '')) done++;
    return Math.min(1, done / this.#total);
  }

  #line(text: string): void {
    let step: string | null = null;
    let error = false;
    const output = OUTPUT.exec(text);
    const failed = ERROR.exec(text);
    const done = DONE.exec(text);
    const final = FINAL_ERROR.exec(text);
    if (output) {
      const vertex = Number(output[1]);
      step = this.#names.get(vertex) ?? null;
      const lines = this.#output.get(vertex) ?? [];
      lines.push(output[2]);
      if (lines.length > STEP_OUTPUT_LINES) lines.shift();
      this.#output.set(vertex, lines);
    } else if (failed) {
      const vertex = Number(failed[1]);
      step = this.#names.get(vertex) ?? null;
      error = true;
      this.#failedVertex = vertex;
    } else if (done) {
      const vertex = Number(done[1]);
      step = this.#names.get(vertex) ?? null;
      this.#done.add(vertex);
    } else if (final) {
      error = true;
      const vertex = this.#failedVertex;
      this.#failure = {
        message: final[1],
        failedStep: vertex === null ? this.#step : (this.#names.get(vertex) ?? null),
        stepOutput: vertex === null ? [] : [...(this.#output.get(vertex) ?? [])],
      };
      step = this.#failure.failedStep;
    } else {
      const vertex = VERTEX.exec(text);
      if (vertex && !/^#\d+ (sha256:|writing|naming|exporting|transferring|resolve|extracting|\d+\.\d+)/.test(text)) {
        const id = Number(vertex[1]);
        if (!this.#names.has(id)) {
          this.#names.set(id, vertex[2]);
          const count = STEP_COUNT.exec(vertex[2]);
          if (count) {
            this.#total = Math.max(this.#total, Number(count[2]));
            this.#step = vertex[2];
          }
        }
        step = this.#names.get(id) ?? null;
      }
    }
    this.#pending.push({ text, step, error });
  }
}
