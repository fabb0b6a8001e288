import type { ComposeProblem } from '../../../shared/domain/compose-model.ts';
import { ApiError } from '../../../shared/api/errors.ts';

/** "file:line:column: message", or as much of the place as is known. */
export function formatProblem(problem: ComposeProblem): string {
  const where = [problem.file, problem.line, problem.column].filter((part) => part !== null).join(':');
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** A compose project that cannot be loaded: every problem found, the first one in the message. */
export class ComposeLoadError extends Error {
  readonly problems: ComposeProblem[];
  constructor(problems: ComposeProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ComposeLoadError';
    this.problems = problems;
  }
  toApiError(): ApiError {
    const more = this.problems.length > 1 ? ` (and ${this.problems.length - 1} more problem${this.problems.length > 2 ? 's' : ''})` : '';
    return new ApiError('invalid_input', `${formatProblem(this.problems[0])}${more}`, { problems: this.problems });
  }
}

export function problem(file: string | null, position: { line: number; column: number } | null, message: string): ComposeProblem {
  return { file, line: position?.line ?? null, column: position?.column ?? null, message };
}
