import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import { isSafeRelativePath, outputFileName, type OutputFile, type StepArtifactListing } from '../../../shared/outputs/output-file.ts';
import type { RunDetail } from '../../../shared/pipeline/run-model.ts';
import type { TreeEntry } from '../../../shared/catalog/model.ts';

/** Files listed per artifact folder at most (a folder with more says `truncated`). */
export const MAX_LISTED_FILES = 5_000;

/** What OutputFiles reads: runs (by id or prefix) and a model version's files. */
export interface OutputSources {
  getRun(idOrPrefix: string): RunDetail;
  versionFiles(name: string, version: number): TreeEntry[];
  blobPath(digest: string): string;
}

/** A file on disk ready to send: where it is, its size and the name to save it under. */
export interface ResolvedOutputFile {
  path: string;
  size: number;
  fileName: string;
}

/**
 * Run steps' artifact folders and model versions' files, by `OutputFile`: listed, and resolved to a
 * path on disk for preview and download. A path that leaves its folder (`..`, an absolute path, a
 * symlink pointing outside) is refused with `invalid_input`; nothing outside a run's artifact folders
 * or the catalog's blobs is ever opened.
 */
export class OutputFiles {
  readonly #sources: OutputSources;
  constructor(sources: OutputSources) {
    this.#sources = sources;
  }

  async stepArtifacts(runId: string, step: string): Promise<StepArtifactListing[]> {
    const run = this.#sources.getRun(runId);
    const found = run.steps.find((s) => s.name === step);
    if (!found) throw new ApiError('not_found', `Run ${run.id} has no step "${step}": its steps are ${run.steps.map((s) => s.name).join(', ')}.`);
    return Promise.all(
      found.artifacts.map(async (artifact) => {
        const listing = await listFiles(artifact.path);
        return { name: artifact.name, sha256: artifact.sha256, size: artifact.size, runId: found.reusedFrom ?? run.id, ...listing };
      }),
    );
  }

  async resolve(file: OutputFile): Promise<ResolvedOutputFile> {
    if (!isSafeRelativePath(file.path)) {
      throw new ApiError('invalid_input', `"${file.path}" is not a path inside the ${file.kind === 'run' ? 'artifact' : 'model version'}: use a relative path without "..", "." or empty parts.`);
    }
    return file.kind === 'run' ? this.#resolveRunFile(file) : this.#resolveModelFile(file);
  }

  async #resolveRunFile(file: Extract<OutputFile, { kind: 'run' }>): Promise<ResolvedOutputFile> {
    const run = this.#sources.getRun(file.runId);
    const step = run.steps.find((s) => s.name === file.step);
    if (!step) throw new ApiError('not_found', `Run ${run.id} has no step "${file.step}".`);
    const artifact = step.artifacts.find((a) => a.name === file.artifact);
    if (!artifact) throw new ApiError('not_found', `Step ${file.step} of run ${run.id} has no artifact "${file.artifact}"${step.artifacts.length ? `: it has ${step.artifacts.map((a) => a.name).join(', ')}` : ''}.`);
    const root = await realpath(artifact.path).catch(() => null);
    if (!root) throw new ApiError('not_found', `The folder of artifact ${file.artifact} (${artifact.path}) is gone from disk.`);
    const target = await realpath(join(root, ...file.path.split('/'))).catch(() => null);
    if (!target) throw new ApiError('not_found', `Artifact ${file.artifact} of ${file.step} has no file ${file.path}.`);
    const inside = relative(root, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || inside.startsWith(sep)) {
      throw new ApiError('invalid_input', `${file.path} in artifact ${file.artifact} points outside the artifact's folder (a symbolic link): it is not served.`);
    }
    const info = await stat(target);
    if (!info.isFile()) throw new ApiError('invalid_input', `${file.path} in artifact ${file.artifact} is a folder, not a file: open one of its files.`);
    return { path: target, size: info.size, fileName: outputFileName(file) };
  }

  async #resolveModelFile(file: Extract<OutputFile, { kind: 'model' }>): Promise<ResolvedOutputFile> {
    const entry = this.#sources.versionFiles(file.name, file.version).find((e) => e.path === file.path);
    if (!entry) throw new ApiError('not_found', `${file.name} v${file.version} has no file ${file.path}.`);
    const path = this.#sources.blobPath(entry.digest);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new ApiError('not_found', `The content of ${file.path} (${entry.digest}) is missing from the catalog's store: run benchtop gc --dry-run to check the store.`);
    return { path, size: info.size, fileName: outputFileName(file) };
  }
}

/** The regular files under a folder (symlinks and special files left out), sorted, bounded. */
async function listFiles(root: string): Promise<{ present: boolean; files: { path: string; size: number }[]; truncated: boolean }> {
  const top = await lstat(root).catch(() => null);
  if (!top?.isDirectory()) return { present: false, files: [], truncated: false };
  const files: { path: string; size: number }[] = [];
  let truncated = false;
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= MAX_LISTED_FILES) {
        truncated = true;
        return;
      }
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(dir, entry.name), path);
      else if (entry.isFile()) files.push({ path, size: (await lstat(join(dir, entry.name))).size });
    }
  };
  await walk(root, '');
  return { present: true, files, truncated };
}
