import { platform } from 'node:os';
import type { appMethods } from '../../../shared/api/methods/app.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { APP_VERSION } from '../app-version.ts';
import { outageSettingProblem } from '../pipelines/engine-outage.ts';
import type { Store } from '../store/database.ts';
import type { HandlersFor } from './dispatcher.ts';

export function createAppHandlers(deps: { store: Store; home: string; transport: string }): HandlersFor<keyof typeof appMethods> {
  const { store, home, transport } = deps;
  return {
    'app.info': async () => ({ version: APP_VERSION, dataDir: home, platform: platform(), transport }),
    'settings.get': async ({ key }) => ({ key, value: store.getSetting(key) }),
    'settings.set': async ({ key, value }) => {
      const problem = outageSettingProblem(key, value);
      if (problem) throw new ApiError('invalid_input', problem);
      store.setSetting(key, value);
      return { key };
    },
  };
}
