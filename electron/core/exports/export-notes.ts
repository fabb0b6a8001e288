import type { ExportNote } from '../../../shared/api/methods/exports.ts';

/** Collects what an export refuses (errors) and what it keeps only approximately (warnings), each by step and field. */
export class ExportNotes {
  readonly list: ExportNote[] = [];

  error(step: string | null, field: string, message: string): void {
    this.list.push({ severity: 'error', step, field, message });
  }

  warn(step: string | null, field: string, message: string): void {
    this.list.push({ severity: 'warning', step, field, message });
  }

  get hasErrors(): boolean {
    return this.list.some((note) => note.severity === 'error');
  }
}

/** `step train: resources.shm: message`, or `pipeline: field: message`. */
export function formatNote(note: ExportNote): string {
  return `${note.severity}: ${note.step === null ? 'pipeline' : `step ${note.step}`}: ${note.field}: ${note.message}`;
}
