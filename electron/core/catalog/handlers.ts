import { ApiError } from '../../../shared/api/errors.ts';
import type { catalogMethods } from '../../../shared/api/methods/catalog.ts';
import type { TreeEntry } from '../../../shared/catalog/model.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { CatalogService } from './service.ts';

/** Takes the part of HandlerDeps it needs (not HandlerDeps itself: api/handlers.ts imports this file). */
export function createCatalogHandlers(deps: { catalog: CatalogService }): HandlersFor<keyof typeof catalogMethods> {
  const catalog = (): CatalogService => deps.catalog;
  return {
    'models.list': async ({ text, limit }) => catalog().models.listModels({ text, limit }),
    'models.get': async ({ name }) => {
      const models = catalog().models;
      return { ...models.requireModel(name), versions: models.listVersions(name) };
    },
    'models.search': async ({ filter, name, text, runId, limit }) => catalog().models.searchVersions({ filter, name, text, runId, limit }),
    'models.version': async ({ name, version }) => {
      const models = catalog().models;
      const found = models.getVersion(name, version);
      return { ...found, files: found.treeDigest ? models.treeEntries(found.treeDigest) : [] };
    },
    'models.lineage': async ({ name, version }) => catalog().models.versionLineage(name, version),
    'models.register': ({ name, path, aliases, metrics, params, tags, description }) =>
      catalog().models.createVersion({ name, files: { path }, source: { type: 'manual', uri: path }, aliases, metrics, params, tags, description }),
    'models.upload': async ({ name, files, aliases, metrics, tags, description }) => {
      const models = catalog().models;
      const entries: TreeEntry[] = [];
      for (const file of files) {
        const path = file.path.replaceAll('\\', '/').replace(/^\/+/, '');
        if (path.split('/').some((part) => part === '..' || part === '')) throw new ApiError('invalid_input', `"${file.path}" is not a relative file path: drop the files again.`);
        const blob = await models.files.putBytes(Buffer.from(file.base64, 'base64'));
        entries.push({ path, digest: blob.digest, size: blob.size, mode: 0o644 });
      }
      return models.createVersion({ name, files: { entries }, source: { type: 'manual', uri: `upload:${files.map((f) => f.path).join(',')}` }, aliases, metrics, tags, description });
    },
    'models.setAlias': async ({ name, alias, version }) => catalog().models.setAlias(name, alias, version),
    'models.deleteAlias': async ({ name, alias }) => {
      catalog().models.deleteAlias(name, alias);
      return { name, alias };
    },
    'models.setTags': async ({ name, version, tags, remove }) => {
      const models = catalog().models;
      if (version === undefined) return { name, version: null, tags: models.setModelTags(name, tags, remove).tags };
      const updated = models.setVersionTags(name, version, tags, remove);
      return { name, version: updated.version, tags: updated.tags };
    },
    'models.setDescription': async ({ name, version, description }) => {
      const models = catalog().models;
      if (version === undefined) return { name, version: null, description: models.setModelDescription(name, description).description };
      const updated = models.setVersionDescription(name, version, description);
      return { name, version: updated.version, description: updated.description };
    },
    'models.delete': async ({ name, version }) => {
      const models = catalog().models;
      if (version === undefined) {
        models.deleteModel(name);
        return { name, version: null };
      }
      return { name, version: models.deleteVersion(name, version).version };
    },
    'features.list': async () => catalog().features.list(),
    'features.get': async ({ name }) => {
      const features = catalog().features;
      return { ...features.get(name), versions: features.versions(name) };
    },
    'catalog.gc': ({ dryRun }) => catalog().models.gc({ dryRun }),
  };
}
