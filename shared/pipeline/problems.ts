/** One thing wrong with a pipeline file, where it is (1-based), and what to do. */
export interface PipelineProblem {
  line: number;
  column: number;
  /** The path of the key in the document, e.g. ['steps', 'train', 'depends', 0]. */
  path: (string | number)[];
  message: string;
}

export function formatProblem(file: string, problem: PipelineProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}
