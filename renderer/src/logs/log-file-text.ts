import type { LogLine } from '../../../shared/domain/logs.ts';
import { stripAnsi } from '../../../shared/logs/ansi.ts';

/** One batch of log lines as plain text for the downloaded file: escapes stripped, timestamp first when present. */
export function logFileText(lines: readonly LogLine[]): string {
  let text = '';
  for (const line of lines) text += `${line.ts ? `${line.ts} ` : ''}${stripAnsi(line.text)}\n`;
  return text;
}
