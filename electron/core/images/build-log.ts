/** One line of a build log, tagged with the step it belongs to. */
export interface BuildLine {
  text: string;
  step: string | null;
  error: boolean;
}

/** What a builder's output parser reports after each chunk. */
export interface BuildLogUpdate {
  lines: BuildLine[];
  step: string | null;
  fraction: number | null;
}

export interface BuildFailure {
  message: string;
  failedStep: string | null;
  stepOutput: string[];
}

/** Both builders' parsers: feed output, read lines, step, progress and the failure. */
export interface BuildOutputParser {
  update(): BuildLogUpdate | null;
  failure(): BuildFailure | null;
  imageId(): string | null;
}

/** Output kept per step for the failure report. */
export const STEP_OUTPUT_LINES = 200;
