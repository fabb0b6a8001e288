import { posix } from 'node:path';
import { parse } from 'yaml';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ModelVersion, TreeEntry } from '../../../shared/catalog/model.ts';
import type { ContentStore } from '../catalog/content-store.ts';

/** What the scoring server needs to load a version (passed to it as BENCHTOP_SERVING_CONFIG). */
export interface ServingConfig {
  model: string;
  version: number;
  loader: 'sklearn' | 'python_model';
  /** Relative to the model folder (the folder that holds MLmodel). */
  modelPath: string;
  serialization: 'pickle' | 'cloudpickle' | 'joblib';
  predictFn: string;
  codePaths: string[];
  artifacts: Record<string, string>;
  /** Column-based input signature, enforced by the server; null when there is none. */
  inputs: { name: string; type: string; required: boolean }[] | null;
  /** The signature's params with their defaults (a request's `params` override them); null when none. */
  params: { name: string; type: string; default: unknown }[] | null;
}

export interface ServingPlan {
  config: ServingConfig;
  /** The folder of the tree that holds MLmodel ('' for the root): what the container mounts. */
  root: string;
}

const SERIALIZATIONS = new Set(['pickle', 'cloudpickle', 'joblib']);

interface MlmodelDocument {
  flavors?: Record<string, Record<string, unknown> | null>;
  signature?: { inputs?: unknown; params?: unknown };
}

/**
 * Reads the version's MLmodel and decides how the scoring server loads it: the sklearn flavor
 * (pickle, cloudpickle or joblib) or python_function with `mlflow.sklearn` or a pickled
 * PythonModel. Anything else is refused here, with the reason, before any container starts.
 */
export async function planServing(files: ContentStore, version: ModelVersion, entries: readonly TreeEntry[]): Promise<ServingPlan> {
  const label = `${version.name} v${version.version}`;
  const mlmodel = entries.filter((e) => e.path === 'MLmodel' || e.path.endsWith('/MLmodel')).sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  if (!mlmodel) {
    throw new ApiError(
      'invalid_input',
      `${label} has no MLmodel file, so Benchtop cannot tell how to load it: save the model with MLflow (mlflow.sklearn.save_model or mlflow.pyfunc.save_model) or write an MLmodel with a sklearn or python_function flavor, and register it again.`,
    );
  }
  const root = posix.dirname(mlmodel.path) === '.' ? '' : posix.dirname(mlmodel.path);
  let doc: MlmodelDocument;
  try {
    doc = (parse((await files.read(mlmodel.digest)).toString('utf8')) ?? {}) as MlmodelDocument;
  } catch (error) {
    throw new ApiError('invalid_input', `${label}: ${mlmodel.path} is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); fix it and register the model again.`);
  }
  const flavors = doc.flavors ?? {};
  const has = (relative: string) => entries.some((e) => e.path === (root ? `${root}/${relative}` : relative) || e.path.startsWith(root ? `${root}/${relative}/` : `${relative}/`));
  const pyfunc = flavors.python_function ?? null;
  const sklearn = flavors.sklearn ?? null;
  const inputs = columnInputs(doc.signature?.inputs);
  const params = signatureParams(doc.signature?.params);
  const base = { model: version.name, version: version.version, predictFn: typeof pyfunc?.predict_fn === 'string' ? pyfunc.predict_fn : 'predict', codePaths: codePaths(pyfunc, sklearn), artifacts: {}, inputs, params };

  const sklearnPlan = (path: unknown, format: unknown): ServingPlan => {
    if (typeof path !== 'string' || !path) throw new ApiError('invalid_input', `${label}: the MLmodel's sklearn flavor names no pickled_model; save the model again with mlflow.sklearn.save_model.`);
    const serialization = typeof format === 'string' ? format : path.endsWith('.joblib') ? 'joblib' : 'pickle';
    if (!SERIALIZATIONS.has(serialization)) {
      throw new ApiError(
        'invalid_input',
        `${label} is saved in the "${serialization}" format; Benchtop's scoring server loads pickle, cloudpickle and joblib (save it with mlflow.sklearn.save_model(..., serialization_format="cloudpickle")).`,
      );
    }
    if (!has(path)) throw new ApiError('invalid_input', `${label}: the MLmodel names ${path}, but the version has no such file; register the whole model folder.`);
    return { root, config: { ...base, loader: 'sklearn', modelPath: path, serialization: serialization as ServingConfig['serialization'] } };
  };

  if (sklearn) return sklearnPlan(sklearn.pickled_model, sklearn.serialization_format);
  if (pyfunc) {
    const loader = pyfunc.loader_module;
    if (loader === 'mlflow.sklearn') return sklearnPlan(pyfunc.model_path ?? pyfunc.data, undefined);
    if (loader === 'mlflow.pyfunc.model' && typeof pyfunc.python_model === 'string') {
      if (!has(pyfunc.python_model)) throw new ApiError('invalid_input', `${label}: the MLmodel names ${pyfunc.python_model}, but the version has no such file; register the whole model folder.`);
      const artifacts: Record<string, string> = {};
      for (const [name, value] of Object.entries((pyfunc.artifacts ?? {}) as Record<string, { path?: unknown } | string>)) {
        const path = typeof value === 'string' ? value : value.path;
        if (typeof path === 'string') artifacts[name] = path;
      }
      return { root, config: { ...base, loader: 'python_model', modelPath: pyfunc.python_model, serialization: 'cloudpickle', artifacts } };
    }
    throw new ApiError(
      'invalid_input',
      `${label}: its python_function flavor loads through ${typeof loader === 'string' ? loader : 'an unknown loader'}, which Benchtop's scoring server does not load (it loads sklearn models and pickled PythonModels).`,
    );
  }
  const names = Object.keys(flavors);
  throw new ApiError(
    'invalid_input',
    `${label} has no flavor Benchtop can serve (${names.length ? `its flavors: ${names.join(', ')}` : 'its MLmodel lists no flavors'}); the scoring server loads the sklearn flavor and python_function models saved by mlflow.sklearn or as a PythonModel.`,
  );
}

function columnInputs(raw: unknown): ServingConfig['inputs'] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  const columns: NonNullable<ServingConfig['inputs']> = [];
  for (const item of value as Record<string, unknown>[]) {
    if (typeof item?.name !== 'string' || typeof item.type !== 'string' || item.type === 'tensor') return null;
    columns.push({ name: item.name, type: item.type, required: item.required !== false });
  }
  return columns;
}

function signatureParams(raw: unknown): ServingConfig['params'] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  const params = (value as Record<string, unknown>[])
    .filter((p) => typeof p?.name === 'string')
    .map((p) => ({ name: p.name as string, type: typeof p.type === 'string' ? p.type : 'string', default: p.default ?? null }));
  return params.length > 0 ? params : null;
}

function codePaths(...flavors: (Record<string, unknown> | null)[]): string[] {
  const paths = new Set<string>();
  for (const flavor of flavors) if (typeof flavor?.code === 'string' && flavor.code) paths.add(flavor.code);
  return [...paths];
}
