import { z } from 'zod';

/** One reason a devcontainer.json (or template, or lockfile) cannot be used: where, and what to change. */
export const environmentProblemSchema = z.object({
  file: z.string(),
  /** 1-based; null when the problem has no place in the file (a missing Dockerfile, say). */
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type EnvironmentProblem = z.infer<typeof environmentProblemSchema>;

/** `file:line:column: message`, the form editors and terminals turn into links. */
export function formatProblem(problem: EnvironmentProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.message}`;
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
