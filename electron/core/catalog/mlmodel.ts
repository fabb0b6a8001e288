import { parse } from 'yaml';
import type { TreeEntry } from '../../../shared/catalog/model.ts';
import type { ContentStore } from './content-store.ts';

export interface MlmodelInfo {
  flavor: string | null;
  /** {inputs, outputs, params}: MLflow writes each as a JSON string; they are parsed here. */
  signature: Record<string, unknown> | null;
}

/** Reads the MLmodel file nearest the root of a tree, if there is one; a broken one is ignored. */
export async function readMlmodel(files: ContentStore, entries: readonly TreeEntry[]): Promise<MlmodelInfo | null> {
  const candidates = entries.filter((e) => e.path === 'MLmodel' || e.path.endsWith('/MLmodel')).sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const entry = candidates[0];
  if (!entry || entry.size > 1_000_000) return null;
  try {
    return parseMlmodel((await files.read(entry.digest)).toString('utf8'));
  } catch {
    return null;
  }
}

export function parseMlmodel(text: string): MlmodelInfo {
  const doc = parse(text) as { flavors?: Record<string, unknown>; signature?: Record<string, unknown> } | null;
  const flavors = Object.keys(doc?.flavors ?? {});
  const flavor = flavors.find((f) => f !== 'python_function') ?? flavors[0] ?? null;
  let signature: Record<string, unknown> | null = null;
  if (doc?.signature && typeof doc.signature === 'object') {
    signature = {};
    for (const [key, value] of Object.entries(doc.signature)) {
      if (typeof value === 'string') {
        try {
          signature[key] = JSON.parse(value) as unknown;
        } catch {
          signature[key] = value;
        }
      } else signature[key] = value;
    }
  }
  return { flavor, signature };
}
