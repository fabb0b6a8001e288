import { STEP_OUTPUT_LINES, type BuildFailure, type BuildLine, type BuildLogUpdate, type BuildOutputParser } from './build-log.ts';

/** One JSON message of POST /build (the Engine API's classic builder). */
export interface ClassicBuildMessage {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/**
 * Folds the classic builder's messages ("Step 2/4 : RUN make", the command's output, " ---> id",
 * `aux.ID`, `errorDetail`) into tagged log lines, the current step, a step-count fraction and, on
 * error, the step that failed with its output.
 */
export class ClassicBuildParser implements BuildOutputParser {
  #pending: BuildLine[] = [];
  #partial = '';
  #step: string | null = null;
  #stepOutput: string[] = [];
  #fraction: number | null = null;
  #failure: BuildFailure | null = null;
  #imageId: string | null = null;
  #lastStepImage: string | null = null;

  push(message: ClassicBuildMessage): void {
    if (message.aux?.ID) this.#imageId = message.aux.ID;
    if (typeof message.stream === 'string') this.#text(message.stream);
    else if (typeof message.status === 'string' && message.status) this.#line(message.status, false);
    const error = message.errorDetail?.message ?? message.error;
    if (error) {
      this.#flushPartial();
      this.#failure = { message: error, failedStep: this.#step, stepOutput: [...this.#stepOutput] };
      this.#line(error, true);
    }
  }

  /** The end of the stream: an unfinished last line is a line. */
  end(): void {
    this.#flushPartial();
  }

  update(): BuildLogUpdate | null {
    if (this.#pending.length === 0) return null;
    const lines = this.#pending;
    this.#pending = [];
    return { lines, step: this.#step, fraction: this.#fraction };
  }

  failure(): BuildFailure | null {
    return this.#failure;
  }

  imageId(): string | null {
    return this.#imageId;
  }

  /** The image of the last step that succeeded (" ---> id"): what a failed build leaves behind. */
  lastStepImage(): string | null {
    return this.#lastStepImage;
  }

  #text(chunk: string): void {
    const text = this.#partial + chunk;
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) this.#line(part.replace(/\r$/, ''), false);
  }

  #flushPartial(): void {
    if (this.#partial) this.#line(this.#partial, false);
    this.#partial = '';
  }

  #line(raw: string, error: boolean): void {
    const text = raw.includes('\r') ? raw.slice(raw.lastIndexOf('\r') + 1) : raw;
    const step = STEP.exec(text);
    if (step) {
      const [, index, count] = step;
      this.#step = text;
      this.#stepOutput = [];
      this.#fraction = (Number(index) - 1) / Number(count);
    } else if (this.#step !== null && !/^ ---> |^Removing intermediate container /.test(text)) {
      this.#stepOutput = [...this.#stepOutput, text].slice(-STEP_OUTPUT_LINES);
    }
    if (/^Successfully built /.test(text)) this.#fraction = 1;
    const stepImage = /^ ---> ([0-9a-f]{12,64})$/.exec(text);
    if (stepImage) this.#lastStepImage = stepImage[1];
    this.#pending.push({ text, step: this.#step, error });
  }
}
