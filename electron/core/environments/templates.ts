import jupyterlabCpu from '../../../resources/environments/jupyterlab-cpu.json' with { type: 'json' };
import pytorchCuda from '../../../resources/environments/pytorch-cuda-jupyterlab.json' with { type: 'json' };
import sklearnMinimal from '../../../resources/environments/sklearn-pandas-minimal.json' with { type: 'json' };
import tensorflow from '../../../resources/environments/tensorflow-jupyterlab.json' with { type: 'json' };
import busyboxHttp from '../../../resources/environments/test/busybox-http.json' with { type: 'json' };
import { ApiError } from '../../../shared/api/errors.ts';
import { environmentTemplateFileSchema, type EnvironmentTemplate, type EnvironmentTemplateFile } from '../../../shared/environments/template.ts';

/** Bundled with the app (imported, so a packaged build carries them). Test ones only with BENCHTOP_TEST_TEMPLATES=1. */
const USER_TEMPLATES: unknown[] = [jupyterlabCpu, pytorchCuda, tensorflow, sklearnMinimal];
const TEST_TEMPLATES: unknown[] = [busyboxHttp];

export interface TemplateCatalog {
  list(): EnvironmentTemplate[];
  get(id: string): EnvironmentTemplateFile & { test: boolean };
}

export function createTemplateCatalog(env: Readonly<Record<string, string | undefined>>): TemplateCatalog {
  const withTests = env.BENCHTOP_TEST_TEMPLATES === '1';
  const files = [
    ...USER_TEMPLATES.map((t) => ({ ...environmentTemplateFileSchema.parse(t), test: false })),
    ...(withTests ? TEST_TEMPLATES.map((t) => ({ ...environmentTemplateFileSchema.parse(t), test: true })) : []),
  ];
  return {
    list: () =>
      files.map((file) => ({
        id: file.id,
        name: file.name,
        description: file.description,
        version: file.version,
        tags: file.tags,
        image: String(file.devcontainer.image ?? ''),
        appLabel: file.app?.label ?? null,
        appPort: file.app?.port ?? null,
        gpu: JSON.stringify(file.devcontainer.hostRequirements ?? {}).includes('gpu'),
        test: file.test,
      })),
    get: (id) => {
      const found = files.find((file) => file.id === id);
      if (!found) throw new ApiError('not_found', `There is no environment template "${id}": pick one of ${files.map((f) => f.id).join(', ')}.`);
      return found;
    },
  };
}
